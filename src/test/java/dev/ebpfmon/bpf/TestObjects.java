package dev.ebpfmon.bpf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test BPF objects built from src/test/bpf, and a look at this process's BPF fds. */
final class TestObjects {
    private TestObjects() {}

    static byte[] elf(String name) {
        try (InputStream in = TestObjects.class.getResourceAsStream("/bpf/" + name + ".bpf.o")) {
            if (in == null) {
                throw new IllegalStateException("/bpf/" + name + ".bpf.o not on the test class path: build with mvn");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BpfObject open(String name) throws BpfException {
        return BpfObject.open(name, elf(name));
    }

    /** Open fds of this process whose anon inode is of the given kind: bpf_link, bpf-prog, bpf-map. */
    static long fds(String anonInode) {
        String target = "anon_inode:" + anonInode;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(target);
                } catch (IOException e) {
                    return false; // the fd of the listing itself, closed meanwhile
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
