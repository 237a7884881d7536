package dev.ebpfmon.leakgate;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfLink;
import dev.ebpfmon.bpf.BpfObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The test object's raw tracepoint program {@code on_sys_enter} (src/test/bpf/autoload_test.bpf.c)
 * loaded and attached: one program, one map ({@code hits}) and one link.
 */
record AttachedTestProgram(BpfObject object, BpfLink link) implements AutoCloseable {
    static final String PROGRAM = "on_sys_enter";
    static final String MAP = "hits";

    static AttachedTestProgram attach() throws BpfException {
        BpfObject object = BpfObject.open("autoload_test", elf());
        try {
            // the fentry and kprobe variants cannot load or attach on every kernel; this test needs neither
            object.program("on_nanosleep_fentry").orElseThrow().setAutoload(false);
            object.program("on_nanosleep_kprobe").orElseThrow().setAutoload(false);
            object.load();
            return new AttachedTestProgram(object, object.program(PROGRAM).orElseThrow().attach());
        } catch (BpfException | RuntimeException e) {
            object.close();
            throw e;
        }
    }

    int programFd() {
        return object.program(PROGRAM).orElseThrow().fd();
    }

    int mapFd() {
        return object.map(MAP).orElseThrow().fd();
    }

    @Override
    public void close() {
        link.close();
        object.close();
    }

    private static byte[] elf() {
        try (InputStream in = AttachedTestProgram.class.getResourceAsStream("/bpf/autoload_test.bpf.o")) {
            if (in == null) {
                throw new IllegalStateException("/bpf/autoload_test.bpf.o not on the test class path: build with mvn");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
