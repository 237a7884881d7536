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
 * whose counts are lost. Evictions are logged, with what to change, the first time and whenever
 * they grow by a tenth.
 */
final class PidTableWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ebpfmon.group");

    private final HostCounters created;
    private final int tableSize;
    private final Chart chart;
    private final long[] createdNow = new long[1];
    private long deleted;
    private long loggedEvictions;

    PidTableWatch(BpfMap createdMap, int tableSize, int updateEvery) {
        this.created = new HostCounters(createdMap, 1);
        this.tableSize = tableSize;
        this.chart = Chart.builder("netdata", "ebpf_pid_records").title("Per-process records (pid table size "
                + tableSize + ")").units("records").family("ebpf").context("netdata.ebpf_pid_records")
                .priority(140012).updateEvery(updateEvery).module("process")
                .dimensions(Dimension.absolute("held"), Dimension.incremental("created"),
                        Dimension.incremental("deleted"), Dimension.incremental("evicted"))
                .build();
    }

    void deleted(int records) {
        deleted += records;
    }

    void collect(Tick tick, int held) {
        created.read(createdNow);
        long evicted = Math.max(0, createdNow[0] - deleted - held);
        if (evicted > 0 && evicted >= loggedEvictions + Math.max(1, loggedEvictions / 10)) {
            LOG.log(System.Logger.Level.WARNING, "the per-process table is full (pid table size = " + tableSize
                    + "): " + evicted + " records evicted, their counts lost; raise 'pid table size'");
            loggedEvictions = evicted;
        }
        tick.add(Sample.of(chart, held, createdNow[0], deleted, evicted));
    }

    @Override
    public void close() {
        created.close();
    }
}
