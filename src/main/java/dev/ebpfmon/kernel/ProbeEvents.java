package dev.ebpfmon.kernel;

/**
 * Whether the kernel has kprobe and uprobe events (CONFIG_KPROBE_EVENTS, CONFIG_UPROBE_EVENTS).
 * CONFIG_BPF_EVENTS, which every tracing BPF program needs (tracepoints included), depends on
 * one of them: a kernel with neither cannot attach any of ebpfmon's programs.
 *
 * @param known false when neither sysfs's event sources nor tracefs could be looked at
 */
public record ProbeEvents(boolean known, boolean kprobes, boolean uprobes) {
    static ProbeEvents unknown() {
        return new ProbeEvents(false, false, false);
    }
}
