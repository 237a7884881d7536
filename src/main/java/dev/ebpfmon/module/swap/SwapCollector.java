package dev.ebpfmon.module.swap;

import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.kernel.VmStat;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.HostCounters;
import java.util.List;

/**
 * The module's host charts from its counters and, in the slots after them, the kernel's own swap
 * page counts, both now and at the previous tick; the first tick's interval starts when the
 * collector starts (the counters start at zero with the module's maps). When the kernel has
 * swapped a good many pages and the hooks saw none of them, the hook has lost its traffic (a
 * renamed or inlined function): that is logged once, besides showing as drift.
 */
final class SwapCollector implements Collector {
    private static final System.Logger LOG = System.getLogger("ebpfmon.swap");
    /** Pages the kernel must have swapped, with none seen, before the module says its hook is blind. */
    static final long BLIND_AFTER_PAGES = 256;

    private final HostCounters host;
    private final List<CounterChart> charts;
    private static final VmStat.Field PSWPIN = VmStat.Field.of("pswpin");
    private static final VmStat.Field PSWPOUT = VmStat.Field.of("pswpout");

    private final VmStat vmstat;
    private final long[] start = new long[SwapModule.SLOTS];
    private long[] now = new long[SwapModule.SLOTS];
    private long[] before = new long[SwapModule.SLOTS];
    private boolean warned;

    SwapCollector(HostCounters host, List<CounterChart> charts, VmStat vmstat) {
        this.host = host;
        this.charts = List.copyOf(charts);
        this.vmstat = vmstat;
        readKernelCounts();
        System.arraycopy(now, 0, start, 0, start.length);
    }

    @Override
    public void collect(Tick tick) {
        long[] previous = now;
        now = before;
        before = previous;
        host.read(now);
        readKernelCounts();
        for (CounterChart chart : charts) {
            tick.add(chart.sample(now, before));
        }
        if (!warned) {
            blindHook(SwapModule.PSWPIN, SwapCounter.READ_PAGES, "swapped in", "read");
            blindHook(SwapModule.PSWPOUT, SwapCounter.WRITE_PAGES, "swapped out", "write");
        }
    }

    private void blindHook(int kernelSlot, SwapCounter seen, String what, String point) {
        long kernel = now[kernelSlot] - start[kernelSlot];
        if (!warned && kernel >= BLIND_AFTER_PAGES && now[seen.id()] == 0) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "swap: the kernel " + what + " " + kernel + " pages (/proc/vmstat) "
                    + "and the swap " + point + " hook saw none: its function is no longer on that path (renamed "
                    + "or inlined); see system.swapcalls_drift");
        }
    }

    /** Pages the kernel swapped in and out since boot, into their slots of {@code now}. */
    private void readKernelCounts() {
        vmstat.read();
        now[SwapModule.PSWPIN] = vmstat.value(PSWPIN);
        now[SwapModule.PSWPOUT] = vmstat.value(PSWPOUT);
    }

    @Override
    public void close() {
        vmstat.close();
        host.close();
    }
}
