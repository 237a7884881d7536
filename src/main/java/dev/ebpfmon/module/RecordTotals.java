package dev.ebpfmon.module;

/**
 * What the agent has read of the per-process records, summed over every process that ever had
 * one, by the counter's place in the record (in longs from the record's start): the growth of each
 * record since its last read is added at each read, a gone process's last counts included, so a
 * total never goes back. The syscall modules count an event either in its process's record or in
 * their host slot (include/syscall.bpf.h, syscall_count), so their host counts are the slot's plus
 * these totals ({@link HostCounters#plusRecords}).
 *
 * <p>Written by the group collector and read by the host collectors, all on the tick thread; the
 * group collector runs first in a tick, so a host count includes the records read in the same tick.
 * (It runs every {@code update every} of the fastest module counting per process: a module whose
 * own {@code update every} is not a multiple of that one shows the records as of the group
 * collector's last tick, up to that many seconds late, never lost.)
 */
public final class RecordTotals {
    /** include/pid_record.h PID_RECORD_MAX, in longs. */
    static final int MAX_LONGS = 1024 / Long.BYTES;

    private final long[] totals = new long[MAX_LONGS];

    /** Adds what the counter at {@code recordIndex} (in longs) grew by in one record. */
    public void add(int recordIndex, long grown) {
        totals[recordIndex] += grown;
    }

    /** The total of the counter at {@code recordIndex} (in longs). */
    public long get(int recordIndex) {
        return totals[recordIndex];
    }
}
