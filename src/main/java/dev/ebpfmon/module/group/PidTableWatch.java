package dev.ebpfmon.module.group;

import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.HostCounters;

/**
 * How full the per-process table is and what it lost: records held (created by the kernel minus
 * released by the agent), created, released, processes refused a record because every slot was
 * taken (their per-process counts are lost), changes the change ring had no room for (read late,
 * at the next walk of the whole table), and the records read this tick. Refusals and lost
 * changes are logged, with what to change, the first time and whenever they grow by a tenth.
 */
final class PidTableWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ebpfmon.group");
    /** pid_table_events (pid_record.h PID_TABLE_*). */
    private static final int CREATED = 0;
    private static final int REFUSED = 1;
    private static final int CHANGES_LOST = 2;
    private static final int TAKEN = 3;

    private final HostCounters events;
    private final int tableSize;
    private final Chart chart;
    private final long[] now = new long[4];
    private long released;
    private long loggedRefused;
    private long loggedLost;

    PidTableWatch(BpfMap eventsMap, int tableSize, int updateEvery) {
        this.events = new HostCounters(eventsMap, now.length);
        this.tableSize = tableSize;
        this.chart = Chart.builder("netdata", "ebpf_pid_records").title("Per-process records (pid table size "
                + tableSize + ")").units("records").family("ebpf").context("netdata.ebpf_pid_records")
                .priority(140012).updateEvery(updateEvery).module("process")
                .dimensions(Dimension.absolute("held"), Dimension.incremental("created"),
                        Dimension.incremental("released"), Dimension.incremental("refused"),
                        Dimension.incremental("changes_lost").named("changes late"),
                        Dimension.absolute("read"))
                .build();
    }

    void released(int records) {
        released += records;
    }

    /** Reads the kernel's counts of the table's events; first in a tick, before any record is read. */
    void startTick() {
        events.read(now);
    }

    /** Slots taken from the free slots so far, again and again: no slot at or above this many was ever used. */
    long slotsTaken() {
        return now[TAKEN];
    }

    /** Changes the change ring had no room for so far. */
    long changesLost() {
        return now[CHANGES_LOST];
    }

    /** @param read records read this tick */
    void collect(Tick tick, int read) {
        long refused = now[REFUSED];
        long lost = now[CHANGES_LOST];
        if (refused > 0 && refused >= loggedRefused + Math.max(1, loggedRefused / 10)) {
            LOG.log(System.Logger.Level.WARNING, "the per-process table is full (pid table size = " + tableSize
                    + "): " + refused + " processes got no record, their per-process counts are lost;"
                    + " raise 'pid table size'");
            loggedRefused = refused;
        }
        if (lost > 0 && lost >= loggedLost + Math.max(1, loggedLost / 10)) {
            LOG.log(System.Logger.Level.WARNING, lost + " changes of per-process records found no room in the"
                    + " change ring (pid_changed); their counts show up to " + GroupCollector.FULL_WALK_TICKS
                    + " ticks late. The ring is sized for 'pid table size' (" + tableSize + "): raise it");
            loggedLost = lost;
        }
        tick.add(Sample.of(chart, Math.max(0, now[CREATED] - released), now[CREATED], released, refused, lost, read));
    }

    @Override
    public void close() {
        events.close();
    }
}
