package dev.ebpfmon.module.softirq;

/**
 * The softirq vectors, in the kernel's order (vector numbers 0 to 9), named as /proc/softirqs and
 * Netdata name them. The module's counters (src/main/bpf/modules/softirq/softirq.h) hold, per
 * vector, the nanoseconds its handlers ran at {@link #latencyId()} and its runs at {@link #eventsId()}.
 */
public enum SoftirqVector {
    HI, TIMER, NET_TX, NET_RX, BLOCK, IRQ_POLL, TASKLET, SCHED, HRTIMER, RCU;

    /** SOFTIRQ_COUNTERS: a latency and an event count per vector. */
    public static final int COUNTERS = 2 * values().length;

    public int latencyId() {
        return ordinal();
    }

    public int eventsId() {
        return values().length + ordinal();
    }
}
