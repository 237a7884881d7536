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
        return List.of(kernel(f), btf(f), tracefs(f), debugfs(f), bpfEvents(f), lockdown(f), selinux(f), privileges(f), libbpf(f),
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
                : new FacilityLine("BTF", Status.WARNING, "/sys/kernel/btf/vmlinux missing: the kernel was built without "
                        + "CONFIG_DEBUG_INFO_BTF, so programs that need BTF (CO-RE, tp_btf, fentry/fexit) cannot load; "
                        + "install a kernel with BTF (Debian 11+, Ubuntu 20.10+, Fedora 31+ and RHEL 8.2+ kernels have it)");
    }

    private static FacilityLine debugfs(KernelFacts f) {
        return f.debugfs()
                ? new FacilityLine("debugfs", Status.OK, "/sys/kernel/debug")
                : new FacilityLine("debugfs", Status.WARNING, "not mounted: the kprobe blacklist cannot be read "
                        + "(mount -t debugfs nodev /sys/kernel/debug)");
    }

    private static FacilityLine bpfEvents(KernelFacts f) {
        ProbeEvents e = f.probeEvents();
        if (!e.known()) {
            return new FacilityLine("bpf events", Status.WARNING,
                    "unknown: neither /sys/bus/event_source nor tracefs can be read");
        }
        if (e.kprobes()) {
            return new FacilityLine("bpf events", Status.OK, e.uprobes() ? "kprobe and uprobe events" : "kprobe events");
        }
        if (e.uprobes()) {
            return new FacilityLine("bpf events", Status.WARNING, "uprobe events only: no kprobe events "
                    + "(CONFIG_KPROBE_EVENTS off), so kprobe variants cannot attach; tracepoints and fentry/fexit can");
        }
        return new FacilityLine("bpf events", Status.PROBLEM, "neither kprobe nor uprobe events: CONFIG_BPF_EVENTS "
                + "depends on one of them, so no tracing program can attach, not even to tracepoints; use a kernel "
                + "with CONFIG_KPROBE_EVENTS or CONFIG_UPROBE_EVENTS");
    }

    private static FacilityLine tracefs(KernelFacts f) {
        Tracefs t = f.tracefs();
        if (t.usable()) {
            String where = t.dir().orElseThrow().toString();
            return new FacilityLine("tracefs", Status.OK, t.mountedByUs() ? where + " (mounted by ebpfmon)" : where);
        }
        String cause = f.lockdownConfidentiality() ? " (lockdown=confidentiality hides it)" : "";
        return new FacilityLine("tracefs", Status.PROBLEM,
                t.failure().orElse("not available") + cause + "; tracepoints and kprobes cannot be attached");
    }

    private static FacilityLine lockdown(KernelFacts f) {
        String mode = f.lockdown();
        String suffix = f.securityfsMountedByUs() ? " (securityfs mounted by ebpfmon)" : "";
        return switch (mode) {
            case "none" -> new FacilityLine("lockdown", Status.OK, "none" + suffix);
            case "integrity" -> new FacilityLine("lockdown", Status.OK,
                    "integrity: BPF may read but not write user memory" + suffix);
            // What the kernel matrix measured on Debian 6.12 booted with lockdown=confidentiality.
            case "confidentiality" -> new FacilityLine("lockdown", Status.PROBLEM, "confidentiality: the kernel "
                    + "refuses kprobes, hides tracefs (so tp perf-event tracepoints cannot attach) and refuses programs "
                    + "that read kernel memory with bpf_probe_read*; fentry/fexit, tp_btf and raw_tp still attach" + suffix);
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
