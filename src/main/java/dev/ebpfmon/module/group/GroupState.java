package dev.ebpfmon.module.group;

import dev.ebpfmon.chart.Chart;

/**
 * The running totals of one group of processes (an application group, a cgroup), per module:
 * what its live members hold now, what its gone members held when they went (so a group's totals
 * never go back when a member exits), and the totals of the tick before, for values over an
 * interval. The live sums are kept up to date by each member's growth (added by GroupCollector
 * straight into {@link #live}, by the flat index of GroupCollector's counters), by members joining
 * and leaving, so a tick costs the processes that changed, not all of them. Reused tick after tick;
 * only the tick thread touches it.
 */
final class GroupState {
    final String name;
    /** Application groups whose name starts with '-' are counted but not charted (apps_groups.conf). */
    final boolean hidden;
    /** A systemd service: charted in services.*, not in a chart of its own. */
    final boolean service;
    /** The cgroup's path, to tell when it is gone; empty for application groups. */
    final String path;
    /**
     * What the live members hold and what the gone ones held, every module's counters in a row
     * (module {@code s}'s from {@code start[s]}; GroupCollector's flat index): a member's growth
     * is added counter by counter.
     */
    final long[] live;
    final long[] retired;
    private final int[] start;
    private long[][] total;
    private long[][] before;
    /** Charts of a cgroup, per module and group chart, made once. */
    final Chart[][] charts;
    /** Members now: processes with a record placed in this group. */
    int liveProcesses;
    /** Whether any process was ever counted in it: a group is charted from then on. */
    boolean counted;

    GroupState(String name, boolean hidden, boolean service, String path, int[] counters, int[] chartCounts) {
        this.name = name;
        this.hidden = hidden;
        this.service = service;
        this.path = path;
        this.start = new int[counters.length];
        int all = 0;
        for (int i = 0; i < counters.length; i++) {
            start[i] = all;
            all += counters[i];
        }
        this.live = new long[all];
        this.retired = new long[all];
        this.total = arrays(counters);
        this.before = arrays(counters);
        this.charts = new Chart[chartCounts.length][];
        for (int i = 0; i < chartCounts.length; i++) {
            charts[i] = new Chart[chartCounts[i]];
        }
    }

    private static long[][] arrays(int[] sizes) {
        long[][] a = new long[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            a[i] = new long[sizes[i]];
        }
        return a;
    }

    /**
     * A process joins with what it holds: {@code count} (flat index, value) pairs in {@code held}
     * (see {@link ProcessDirectory.Proc#held}), those whose index {@code counted} says this group counts.
     */
    void join(long[] held, int count, boolean[] counted) {
        for (int k = 0; k < count; k++) {
            int at = (int) held[2 * k];
            if (counted[at]) {
                live[at] += held[2 * k + 1];
            }
        }
    }

    /** A process leaves with what it holds (as in {@link #join}): it moved to another group, or it is gone. */
    void leave(long[] held, int count, boolean[] counted, boolean gone) {
        for (int k = 0; k < count; k++) {
            int at = (int) held[2 * k];
            if (counted[at]) {
                long value = held[2 * k + 1];
                live[at] -= value;
                if (gone) {
                    retired[at] += value;
                }
            }
        }
    }

    /** Ends a tick: the totals (live + gone) become {@link #now}, the previous ones {@link #before}. */
    void endTick() {
        long[][] previous = before;
        before = total;
        total = previous;
        for (int s = 0; s < total.length; s++) {
            for (int i = 0; i < total[s].length; i++) {
                total[s][i] = live[start[s] + i] + retired[start[s] + i];
            }
        }
    }

    long[] now(int source) {
        return total[source];
    }

    long[] before(int source) {
        return before[source];
    }
}
