package dev.ebpfmon.kernel;

/**
 * The ways a BPF program can reach a kernel event, in ebpfmon's order of preference within each
 * family (Netdata's `ebpf co-re tracing` names the families).
 */
public enum AttachKind {
    TRAMPOLINE("trampoline", "fentry/fexit", "probe_trampoline"),
    PROBE("probe", "kprobe/kretprobe", "probe_kprobe"),
    TP_BTF("tracepoint", "tp_btf", "probe_tp_btf"),
    RAW_TP("tracepoint", "raw_tp", "probe_raw_tp"),
    TP("tracepoint", "tp (perf event)", "probe_tp");

    private final String family;
    private final String label;
    private final String probeProgram;

    AttachKind(String family, String label, String probeProgram) {
        this.family = family;
        this.label = label;
        this.probeProgram = probeProgram;
    }

    /** Netdata's word for the family: trampoline, probe or tracepoint. */
    public String family() {
        return family;
    }

    /** What `ebpfmon check` prints, e.g. "tp_btf". */
    public String label() {
        return label;
    }

    /** The program of feature_probe.bpf.c that tests this kind. */
    String probeProgram() {
        return probeProgram;
    }
}
