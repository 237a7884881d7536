package dev.ebpfmon.kernel;

/** The Linux capabilities that decide whether ebpfmon may load and attach BPF programs. */
public enum Capability {
    DAC_READ_SEARCH(2),
    SYS_PTRACE(19),
    SYS_ADMIN(21),
    SYS_RESOURCE(24),
    PERFMON(38),
    BPF(39);

    private final int bit;

    Capability(int bit) {
        this.bit = bit;
    }

    /** Bit number in the kernel's capability sets ({@code CapEff} in /proc/self/status). */
    public int bit() {
        return bit;
    }

    /** The name as written in man pages and messages, e.g. {@code CAP_SYS_ADMIN}. */
    public String capName() {
        return "CAP_" + name();
    }
}
