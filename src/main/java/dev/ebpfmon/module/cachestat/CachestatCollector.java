package dev.ebpfmon.module.cachestat;

import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.HostCounters;
import java.util.List;

/**
 * The module's host charts from its counters and, in the slot after them, the kernel's own pages
 * read from block devices, both now and at the previous tick. The first tick's interval starts
 * when the collector starts (the counters start at zero with the module's maps).
 */
final class CachestatCollector implements Collector {
    private final HostCounters host;
    private final List<CounterChart> charts;
    private final PagesReadFromDisk vmstat;
    private long[] now;
    private long[] before;

    CachestatCollector(HostCounters host, List<CounterChart> charts, PagesReadFromDisk vmstat) {
        this.host = host;
        this.charts = List.copyOf(charts);
        this.vmstat = vmstat;
        this.now = new long[CachestatCounter.COUNT + 1];
        this.before = new long[CachestatCounter.COUNT + 1];
        now[CachestatModule.PGPGIN_PAGES] = vmstat.pages();
    }

    @Override
    public void collect(Tick tick) {
        long[] previous = now;
        now = before;
        before = previous;
        host.read(now);
        now[CachestatModule.PGPGIN_PAGES] = vmstat.pages();
        for (CounterChart chart : charts) {
            tick.add(chart.sample(now, before));
        }
    }

    @Override
    public void close() {
        vmstat.close();
        host.close();
    }
}
