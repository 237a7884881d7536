package dev.ebpfmon.module.group;

import dev.ebpfmon.chart.Chart;

/**
 * The running totals of one group of processes (an application group, a cgroup), per module:
 * what its live processes hold now, what its gone processes held when they went (so a group's
 * totals never go back when a member exits), and the totals of the tick before, for values over
 * an interval. Reused tick after tick; only the tick thread touches it.
 */
final class GroupState {
    final String name;
    /** Application groups whose name starts with '-' are counted but not charted (apps_groups.conf). */
    final boolean hidden;
    /** A systemd service: charted in services.*, not in a chart of its own. */
    final boolean service;
    /** The cgroup's path, to tell when it is gone; empty for application groups. */
    final String path;
    private final long[][] live;
    private final long[][] retired;
    private long[][] total;
    private long[][] before;
    /** Charts of a cgroup, per module and group chart, made once. */
    final Chart[][] charts;
    int liveProcesses;
    /** Whether any process was ever counted in it: a group is charted from then on. */
    boolean counted;

    GroupState(String name, boolean hidden, boolean service, String path, int[] counters, int[] chartCounts) {
        this.name = name;
        this.hidden = hidden;
        this.service = service;
        this.path = path;
        this.live = arrays(counters);
        this.retired = arrays(counters);
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

    /** Starts a tick: no live process counted yet. */
    void startTick() {
        for (long[] l : live) {
            java.util.Arrays.fill(l, 0);
        }
        liveProcesses = 0;
    }

    /** Adds one process's counters of module {@code source} (from {@code record[at]}), as live or as gone for good. */
    void add(int source, long[] record, int at, boolean gone) {
        long[] into = gone ? retired[source] : live[source];
        for (int i = 0; i < into.length; i++) {
            into[i] += record[at + i];
        }
        counted = true;
    }

    /** Ends a tick: the totals (live + gone) become {@link #now}, the previous ones {@link #before}. */
    void endTick() {
        long[][] previous = before;
        before = total;
        total = previous;
        for (int s = 0; s < total.length; s++) {
            for (int i = 0; i < total[s].length; i++) {
                total[s][i] = live[s][i] + retired[s][i];
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
