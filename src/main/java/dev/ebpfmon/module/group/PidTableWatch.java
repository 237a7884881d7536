package dev.ebpfmon.module.group;

import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.HostCounters;

/**
 * How full the per-process table is and what it lost: records held, created by the kernel,
 * deleted by the agent, and evicted by the LRU when the table was full (created - deleted - held),
 * whose counts are lost; and changes the change ring had no room for, which are read late (at the
 * next walk of the whole table); and the records read this tick. Held and evicted are counted at
 * each walk of the whole table; in between, held is carried forward from what was created and
 * deleted, and evicted is at least what a full table could not hold. Evictions and lost changes are logged,
 * with what to change, the first time and whenever they grow by a tenth.
 */
final class PidTableWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ebpfmon.group");

    private final HostCounters created;
    private final int tableSize;
    private final Chart chart;
    private final long[] createdNow = new long[1];
    private long deleted;
    private long loggedEvictions;
    private long evicted;
    private long loggedLost;

    PidTableWatch(BpfMap createdMap, int tableSize, int updateEvery) {
        this.created = new HostCounters(createdMap, 1);
        this.tableSize = tableSize;
        this.chart = Chart.builder("netdata", "ebpf_pid_records").title("Per-process records (pid table size "
                + tableSize + ")").units("records").family("ebpf").context("netdata.ebpf_pid_records")
                .priority(140012).updateEvery(updateEvery).module("process")
                .dimensions(Dimension.absolute("held"), Dimension.incremental("created"),
                        Dimension.incremental("deleted"), Dimension.incremental("evicted"),
                        Dimension.incremental("changes_lost").named("changes late"),
                        Dimension.absolute("read"))
                .build();
    }

    void deleted(int records) {
        deleted += records;
    }

    /**
     * @param counted the records in the table, when the whole table was read this tick
     * @param lost    changes the change ring had no room for, since load
     * @param read    records read this tick
     */
    void collect(Tick tick, java.util.OptionalInt counted, long lost, int read) {
        created.read(createdNow);
        // between walks of the whole table, what a full table must have evicted at least
        long atLeast = createdNow[0] - deleted - (counted.isPresent() ? counted.getAsInt() : tableSize);
        evicted = counted.isPresent() ? Math.max(0, atLeast) : Math.max(evicted, atLeast);
        long held = Math.max(0, createdNow[0] - deleted - evicted);
        if (evicted > 0 && evicted >= loggedEvictions + Math.max(1, loggedEvictions / 10)) {
            LOG.log(System.Logger.Level.WARNING, "the per-process table is full (pid table size = " + tableSize
                    + "): " + evicted + " records evicted, their counts lost; raise 'pid table size'");
            loggedEvictions = evicted;
        }
        if (lost > 0 && lost >= loggedLost + Math.max(1, loggedLost / 10)) {
            LOG.log(System.Logger.Level.WARNING, lost + " changes of per-process records found no room in the"
                    + " change ring (pid_changed); their counts show up to " + GroupCollector.FULL_WALK_TICKS
                    + " ticks late. The ring is sized for 'pid table size' (" + tableSize + "): raise it");
            loggedLost = lost;
        }
        tick.add(Sample.of(chart, held, createdNow[0], deleted, evicted, lost, read));
    }

    @Override
    public void close() {
        created.close();
    }
}
