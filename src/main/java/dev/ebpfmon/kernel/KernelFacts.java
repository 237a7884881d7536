package dev.ebpfmon.kernel;

import java.util.List;
import java.util.Optional;

/**
 * What the running kernel offers, found without loading any BPF program.
 *
 * @param release                the raw {@code osrelease}, or "unknown"
 * @param version                parsed from {@code release}, if it could be
 * @param btf                    {@code /sys/kernel/btf/vmlinux} exists, so CO-RE programs can load
 * @param lockdown               "none", "integrity", "confidentiality", or "unknown (…)" /
 *                               "not present (…)" explaining why the mode is not known
 * @param securityfsMountedByUs  ebpfmon mounted securityfs to read the lockdown mode
 * @param debugfs                debugfs is mounted on /sys/kernel/debug
 * @param probeEvents            kprobe and uprobe events, one of which tracing BPF needs
 * @param selinux                "enforcing", "permissive" or "not present"
 * @param bpfStatsEnabled        {@code kernel.bpf_stats_enabled}; empty when unreadable
 * @param libbpfProblem          why libbpf.so.1 cannot be loaded; empty when it can
 */
public record KernelFacts(
        String release,
        Optional<KernelVersion> version,
        boolean btf,
        Tracefs tracefs,
        String lockdown,
        boolean securityfsMountedByUs,
        boolean debugfs,
        ProbeEvents probeEvents,
        String selinux,
        Privileges privileges,
        Optional<Boolean> bpfStatsEnabled,
        Optional<String> libbpfProblem) {

    /** CAP_BPF and CAP_PERFMON exist since 5.8; before that only CAP_SYS_ADMIN will do. */
    static final KernelVersion SPLIT_CAPS_SINCE = KernelVersion.of(5, 8);
    static final KernelVersion MEMCG_ACCOUNTING_SINCE = KernelVersion.of(5, 11);

    /** One sentence saying why BPF tracing is not permitted, or empty when it is. */
    public Optional<String> missingPrivilege() {
        if (privileges.has(Capability.SYS_ADMIN)) {
            return Optional.empty();
        }
        // An unknown version is not held against split capabilities: a kernel that reports
        // CAP_BPF in CapEff knows about it.
        boolean splitCapsWork = version.map(v -> v.compareTo(SPLIT_CAPS_SINCE) >= 0).orElse(true);
        // from 5.11 BPF memory is charged to the memory cgroup, not RLIMIT_MEMLOCK: no CAP_SYS_RESOURCE
        boolean memlockFree = version.map(v -> v.compareTo(MEMCG_ACCOUNTING_SINCE) >= 0).orElse(true);
        if (splitCapsWork && privileges.has(Capability.BPF) && privileges.has(Capability.PERFMON)
                && (memlockFree || privileges.has(Capability.SYS_RESOURCE))) {
            return Optional.empty();
        }
        if (privileges.root()) {
            return Optional.of("ebpfmon runs as root but without CAP_SYS_ADMIN (or CAP_BPF and CAP_PERFMON, and "
                    + "CAP_SYS_RESOURCE before kernel 5.11, on kernel >= 5.8), which loading BPF programs requires; "
                    + "grant them, e.g. run the container with --privileged.");
        }
        return Optional.of("ebpfmon needs root, or the capabilities CAP_BPF and CAP_PERFMON (kernel >= 5.8; "
                + "and CAP_SYS_RESOURCE before 5.11), to load BPF programs; run it with sudo.");
    }

    /** One sentence naming the package to install when libbpf is missing, or empty. */
    public Optional<String> missingLibbpf() {
        return libbpfProblem;
    }

    /** True when the kernel forbids BPF from reading kernel memory, which breaks tracing. */
    public boolean lockdownConfidentiality() {
        return lockdown.equals("confidentiality");
    }

    /** The lines {@code ebpfmon check} prints, one per facility. */
    public List<FacilityLine> facilities() {
        return Facilities.of(this);
    }
}
