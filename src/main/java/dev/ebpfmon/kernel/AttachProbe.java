package dev.ebpfmon.kernel;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfLink;
import dev.ebpfmon.bpf.BpfObject;
import dev.ebpfmon.bpf.BpfProgram;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finds out which attach kinds really work here by loading and attaching one minimal program of
 * each kind, alone. Loading is not enough: a kernel without CONFIG_KPROBES loads kprobe programs
 * and only refuses them at attach time. Results are memoised for the life of the process.
 */
public final class AttachProbe {
    private final Supplier<byte[]> probeObject;
    private Map<AttachKind, AttachSupport> results;

    /** @param probeObject the bytes of feature_probe.bpf.o */
    public AttachProbe(Supplier<byte[]> probeObject) {
        this.probeObject = probeObject;
    }

    public synchronized Map<AttachKind, AttachSupport> all() {
        if (results == null) {
            Map<AttachKind, AttachSupport> found = new EnumMap<>(AttachKind.class);
            for (AttachKind kind : AttachKind.values()) {
                found.put(kind, probe(kind));
            }
            results = Map.copyOf(found);
        }
        return results;
    }

    public AttachSupport support(AttachKind kind) {
        return all().get(kind);
    }

    private AttachSupport probe(AttachKind kind) {
        try (BpfObject object = BpfObject.open("feature_probe", probeObject.get())) {
            for (BpfProgram program : object.programs()) {
                program.setAutoload(program.name().equals(kind.probeProgram()));
            }
            try {
                object.load();
            } catch (BpfException e) {
                return AttachSupport.failing(kind, "load refused: " + e.errnoText() + hint(kind, e));
            }
            BpfProgram program = object.program(kind.probeProgram()).orElseThrow();
            try (BpfLink link = program.attach()) {
                return AttachSupport.working(kind);
            } catch (BpfException e) {
                return AttachSupport.failing(kind, "attach failed: " + e.errnoText() + hint(kind, e));
            }
        } catch (BpfException e) {
            return AttachSupport.failing(kind, e.getMessage());
        }
    }

    private static String hint(AttachKind kind, BpfException e) {
        return switch (kind) {
            case PROBE -> java.nio.file.Files.isDirectory(java.nio.file.Path.of("/sys/bus/event_source/devices/kprobe"))
                    ? "" : " (no kprobe PMU: kernel built without CONFIG_KPROBES)";
            case TRAMPOLINE -> " (BPF trampolines unsupported or not permitted on this kernel)";
            case TP -> " (needs tracefs and syscall tracepoints, CONFIG_FTRACE_SYSCALLS)";
            default -> "";
        };
    }
}
