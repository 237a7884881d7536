package dev.ebpfmon.kernel;

import dev.ebpfmon.kernel.FacilityLine.Status;
import java.util.List;
import java.util.stream.Collectors;

/** Turns {@link KernelFacts} into human-readable verdicts for {@code ebpfmon check}. */
final class Facilities {
    private Facilities() {}

    /** Oldest kernel whose BPF (ring buffers aside) ebpfmon's programs can use at all. */
    static final KernelVersion OLDEST_USABLE = KernelVersion.of(4, 11);
    /** fentry/fexit trampolines, ebpfmon's preferred attach method. */
    static final KernelVersion TRAMPOLINES_SINCE = KernelVersion.of(5, 5);

    static List<FacilityLine> of(KernelFacts f) {
        return List.of(kernel(f), btf(f), tracefs(f), lockdown(f), selinux(f), privileges(f), libbpf(f),
                bpfStats(f));
    }

    private static FacilityLine kernel(KernelFacts f) {
        if (f.version().isEmpty()) {
            return new FacilityLine("kernel", Status.WARNING, f.release() + " (version not recognised)");
        }
        KernelVersion v = f.version().get();
        if (v.compareTo(OLDEST_USABLE) < 0) {
            return new FacilityLine("kernel", Status.PROBLEM, f.release() + ": older than " + OLDEST_USABLE
                    + ", too old for ebpfmon's BPF programs");
        }
        if (v.compareTo(TRAMPOLINES_SINCE) < 0) {
            return new FacilityLine("kernel", Status.WARNING, f.release() + ": no fentry/fexit before "
                    + TRAMPOLINES_SINCE + ", kprobes will be used");
        }
        return new FacilityLine("kernel", Status.OK, f.release());
    }

    private static FacilityLine btf(KernelFacts f) {
        return f.btf()
                ? new FacilityLine("BTF", Status.OK, "/sys/kernel/btf/vmlinux present, CO-RE programs can load")
                : new FacilityLine("BTF", Status.WARNING,
                        "/sys/kernel/btf/vmlinux missing; only legacy programs and kprobes can be used");
    }

    private static FacilityLine tracefs(KernelFacts f) {
        Tracefs t = f.tracefs();
        if (t.usable()) {
            String where = t.dir().orElseThrow().toString();
            return new FacilityLine("tracefs", Status.OK, t.mountedByUs() ? where + " (mounted by ebpfmon)" : where);
        }
        return new FacilityLine("tracefs", Status.PROBLEM,
                t.failure().orElse("not available") + "; tracepoints and kprobes cannot be attached");
    }

    private static FacilityLine lockdown(KernelFacts f) {
        String mode = f.lockdown();
        String suffix = f.securityfsMountedByUs() ? " (securityfs mounted by ebpfmon)" : "";
        return switch (mode) {
            case "none" -> new FacilityLine("lockdown", Status.OK, "none" + suffix);
            case "integrity" -> new FacilityLine("lockdown", Status.OK,
                    "integrity: BPF may read but not write user memory" + suffix);
            case "confidentiality" -> new FacilityLine("lockdown", Status.PROBLEM,
                    "confidentiality: the kernel forbids BPF from reading kernel memory" + suffix);
            default -> new FacilityLine("lockdown", mode.startsWith("not present") ? Status.OK : Status.WARNING,
                    mode + suffix);
        };
    }

    private static FacilityLine selinux(KernelFacts f) {
        return f.selinux().equals("enforcing")
                ? new FacilityLine("SELinux", Status.WARNING, "enforcing; the policy may deny bpf() and perf_event_open()")
                : new FacilityLine("SELinux", Status.OK, f.selinux());
    }

    private static FacilityLine privileges(KernelFacts f) {
        Privileges p = f.privileges();
        String held = p.held().isEmpty() ? "no relevant capabilities"
                : p.held().stream().map(Capability::capName).collect(Collectors.joining(", "));
        String who = p.root() ? "root; " : p.euid() >= 0 ? "uid " + p.euid() + "; " : "";
        return f.missingPrivilege()
                .map(why -> new FacilityLine("privileges", Status.PROBLEM, why + " (" + who + held + ")"))
                .orElseGet(() -> new FacilityLine("privileges", Status.OK, who + held));
    }

    private static FacilityLine libbpf(KernelFacts f) {
        return f.missingLibbpf()
                .map(why -> new FacilityLine("libbpf", Status.PROBLEM, why))
                .orElseGet(() -> new FacilityLine("libbpf", Status.OK, Libbpf.SONAME + " loads"));
    }

    private static FacilityLine bpfStats(KernelFacts f) {
        return f.bpfStatsEnabled()
                .map(on -> on
                        ? new FacilityLine("bpf_stats", Status.OK, "enabled: per-program run time is counted")
                        : new FacilityLine("bpf_stats", Status.WARNING,
                                "disabled (kernel.bpf_stats_enabled = 0): per-program run time is not counted"))
                .orElseGet(() -> new FacilityLine("bpf_stats", Status.WARNING,
                        "/proc/sys/kernel/bpf_stats_enabled unreadable"));
    }
}
