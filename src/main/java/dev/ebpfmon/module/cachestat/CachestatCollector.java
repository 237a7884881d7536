package dev.ebpfmon.module.cachestat;

import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.kernel.VmStat;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.HostCounters;
import java.util.List;

/**
 * The module's host charts from its counters and, in the slot after them, the kernel's own pages
 * read from block devices, both now and at the previous tick. The first tick's interval starts
 * when the collector starts (the counters start at zero with the module's maps). When the kernel
 * has read a good many pages into the page cache and the hook saw no page added, the hook has lost
 * its traffic (a renamed or inlined function): that is logged once, besides showing as drift.
 */
final class CachestatCollector implements Collector {
    private static final System.Logger LOG = System.getLogger("ebpfmon.cachestat");
    /** Pages read from block devices, none of them seen added, before the module says its hook is blind. */
    static final long BLIND_AFTER_PAGES = 25_600;

    private final HostCounters host;
    private final List<CounterChart> charts;
    /** pgpgin counts KiB; x86_64, the one architecture ebpfmon builds for, has pages of 4 KiB. */
    private static final long KIB_PER_PAGE = 4;
    private static final VmStat.Field PGPGIN = VmStat.Field.of("pgpgin");

    private final VmStat vmstat;
    private final long pgpginAtStart;
    private long[] now;
    private long[] before;
    private boolean warned;

    CachestatCollector(HostCounters host, List<CounterChart> charts, VmStat vmstat) {
        this.host = host;
        this.charts = List.copyOf(charts);
        this.vmstat = vmstat;
        this.now = new long[CachestatCounter.COUNT + 1];
        this.before = new long[CachestatCounter.COUNT + 1];
        now[CachestatModule.PGPGIN_PAGES] = pagesReadFromDisk();
        pgpginAtStart = now[CachestatModule.PGPGIN_PAGES];
    }

    @Override
    public void collect(Tick tick) {
        long[] previous = now;
        now = before;
        before = previous;
        host.read(now);
        now[CachestatModule.PGPGIN_PAGES] = pagesReadFromDisk();
        for (CounterChart chart : charts) {
            tick.add(chart.sample(now, before));
        }
        long read = now[CachestatModule.PGPGIN_PAGES] - pgpginAtStart;
        if (!warned && read >= BLIND_AFTER_PAGES && now[CachestatCounter.ADDED.id()] == 0) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "cachestat: the kernel read " + read + " pages from block devices "
                    + "(/proc/vmstat pgpgin) and the page-added hook saw none: its function is no longer on that "
                    + "path (renamed or inlined); see mem.cachestat_drift");
        }
    }

    /** Pages the kernel read from block devices since boot. */
    private long pagesReadFromDisk() {
        vmstat.read();
        return vmstat.value(PGPGIN) / KIB_PER_PAGE;
    }

    @Override
    public void close() {
        vmstat.close();
        host.close();
    }
}
