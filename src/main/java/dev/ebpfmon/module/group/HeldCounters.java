package dev.ebpfmon.module.group;

import dev.ebpfmon.module.RecordTotals;
import dev.ebpfmon.module.group.GroupCollector.Source;
import java.util.List;

/**
 * Every module's per-process counters in a row, by flat index (the layout of {@link GroupState#live}
 * and of a process's held pairs, {@link ProcessDirectory.Proc#held}): where each is in a record,
 * whether it goes to the application groups and to the cgroups; and the growth of a process's
 * counters from one read of its record to the next, which also goes to the records' totals (the
 * host counts of the modules that count an event in the record or the host slot).
 */
final class HeldCounters {
    /** Per flat index, where the counter is in a record, in longs. */
    private final int[] recordIndex;
    final boolean[] toApps;
    final boolean[] toCgroups;
    private final RecordTotals totals;

    /** @param perProcess one group per process: every counter goes to the (per-process) application groups */
    HeldCounters(List<Source> sources, boolean perProcess, RecordTotals totals) {
        this.totals = totals;
        int flat = sources.stream().mapToInt(Source::counters).sum();
        this.recordIndex = new int[flat];
        this.toApps = new boolean[flat];
        this.toCgroups = new boolean[flat];
        int f = 0;
        for (Source s : sources) {
            if (s.offset() % Long.BYTES != 0) {
                throw new IllegalArgumentException(s.module() + "'s counters are not 8-byte aligned in the record");
            }
            for (int c = 0; c < s.counters(); c++, f++) {
                recordIndex[f] = s.offset() / Long.BYTES + c;
                toApps[f] = s.apps() || perProcess;
                toCgroups[f] = s.cgroups();
            }
        }
    }

    /**
     * Adds what each counter of a process grew by since it was last read to its groups, and keeps
     * the new values. A counter still at zero costs one comparison; one that moves for the first
     * time joins the process's held pairs. (Reading the held pairs first and the rest of the record
     * only when it has more non-zero counters than those saved nothing measurable: BENCHMARKS.md.)
     */
    void grow(ProcessDirectory.Proc p, long[] record, int base) {
        long[] app = p.app.live;
        long[] cgroup = p.cgroup == null ? null : p.cgroup.live;
        long[] held = p.held;
        int k = 0;
        for (int f = 0; f < recordIndex.length; f++) {
            long value = record[base + recordIndex[f]];
            if (k == p.heldCount || held[2 * k] != f) {
                if (value == 0) {
                    continue;
                }
                held = hold(p, k, f);
            }
            long grown = value - held[2 * k + 1];
            if (grown != 0) {
                held[2 * k + 1] = value;
                // a counter below its last read is a record made again since: all of it is new
                totals.add(recordIndex[f], grown > 0 ? grown : value);
                if (toApps[f]) {
                    app[f] += grown;
                }
                if (cgroup != null && toCgroups[f]) {
                    cgroup[f] += grown;
                }
            }
            k++;
        }
    }

    /** Makes counter {@code f} the process's {@code k}th held pair, at zero; returns the pairs. */
    private static long[] hold(ProcessDirectory.Proc p, int k, int f) {
        long[] held = p.held;
        if (2 * p.heldCount == held.length) {
            held = java.util.Arrays.copyOf(held, Math.max(8, held.length * 2));
        }
        System.arraycopy(held, 2 * k, held, 2 * k + 2, 2 * (p.heldCount - k));
        held[2 * k] = f;
        held[2 * k + 1] = 0;
        p.held = held;
        p.heldCount++;
        return held;
    }

    /** The sum of every module's counters of one record. */
    long checksum(long[] record, int base) {
        long sum = 0;
        for (int at : recordIndex) {
            sum += record[base + at];
        }
        return sum;
    }
}
