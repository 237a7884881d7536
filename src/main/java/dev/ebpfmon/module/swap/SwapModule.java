package dev.ebpfmon.module.swap;

import static dev.ebpfmon.module.swap.SwapCounter.READ_CALL;
import static dev.ebpfmon.module.swap.SwapCounter.READ_PAGES;
import static dev.ebpfmon.module.swap.SwapCounter.WRITE_CALL;
import static dev.ebpfmon.module.swap.SwapCounter.WRITE_PAGES;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.kernel.VmStat;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.CounterModule;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.HostCounters;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import java.util.List;
import java.util.Map;

/**
 * swap: reads from and writes to swap (system.swapcalls and its per-application charts), on
 * whichever of the functions' names this kernel has; no tracepoint exists for them, so without
 * kprobes and trampolines the module cannot run. Beyond Netdata it counts the pages those calls
 * carried and charts them against /proc/vmstat's pswpin and pswpout every tick. Off by default,
 * as in Netdata.
 */
public final class SwapModule extends CounterModule {
    static final String OBJECT = "swap";
    /** swap_readpage until 6.7, swap_read_folio since. */
    static final List<String> READ_FUNCTIONS = List.of("swap_read_folio", "swap_readpage");
    /**
     * __swap_writepage is the write to the swap device itself, where pswpout is counted;
     * swap_writepage (renamed swap_writeout in 6.16) also takes pages zswap keeps in memory and,
     * since 6.12, pages of zeros that are never written.
     */
    static final List<String> WRITE_FUNCTIONS = List.of("__swap_writepage", "swap_writepage", "swap_writeout");
    /** Slots after the counters: the kernel's own page counts. */
    static final int PSWPIN = SwapCounter.COUNT;
    static final int PSWPOUT = SwapCounter.COUNT + 1;
    static final int SLOTS = SwapCounter.COUNT + 2;
    private static final Dimension READ = Dimension.incremental("read");
    private static final Dimension WRITE = Dimension.incremental("write");

    public SwapModule() {
        super(ModuleInfo.of("swap", 12, "Swap", false), SwapCounter.COUNT, true);
    }

    @Override
    protected String countersObject() {
        return OBJECT;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        return List.of(new ObjectUse(OBJECT, List.of(
                ProbePoint.function("swap_read", READ_FUNCTIONS, "read_fentry", "read_kprobe"),
                ProbePoint.function("swap_write", WRITE_FUNCTIONS, "write_fentry", "write_kprobe")),
                globals(name(), 1, context), Map.of(hostMap(name()), MapSpec.compiled())));
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext c) {
        Chart calls = Chart.builder("system", "swapcalls").title("Calls to access swap memory").units("calls/s")
                .family("swap").priority(202).updateEvery(c.updateEvery()).module("swap").dimensions(READ, WRITE)
                .build();
        // Beyond Netdata: what the kernel counted minus what the hooks saw, per tick
        Chart drift = Chart.builder("system", "swapcalls_drift")
                .title("Swap pages counted by the kernel (/proc/vmstat pswpin, pswpout) minus pages the hooks saw")
                .units("pages").family("swap").priority(203).updateEvery(c.updateEvery()).module("swap")
                .dimensions(Dimension.absolute("read"), Dimension.absolute("write")).build();
        return List.of(CounterChart.of(calls, READ_CALL.id(), WRITE_CALL.id()),
                new CounterChart(drift, List.of(
                        (now, before) -> now[PSWPIN] - before[PSWPIN] - (now[READ_PAGES.id()] - before[READ_PAGES.id()]),
                        (now, before) -> now[PSWPOUT] - before[PSWPOUT]
                                - (now[WRITE_PAGES.id()] - before[WRITE_PAGES.id()]))));
    }

    @Override
    public Collector collector(ModuleContext context, LoadedObjects objects) {
        HostCounters host = new HostCounters(objects.map(OBJECT, hostMap(name())), SwapCounter.COUNT);
        return new SwapCollector(host, hostCharts(context), new VmStat(VmStat.PROC));
    }

    @Override
    public List<GroupChart> groupCharts(ModuleContext context) {
        return List.of(group("swap_read_call", "swap_readpage", READ_CALL, "swap_read", 0, READ),
                group("swap_write_call", "swap_writepage", WRITE_CALL, "swap_write", 1, WRITE));
    }

    /** Netdata's titles name the functions of its time; its services layout titles the read chart shorter. */
    private static GroupChart group(String id, String function, SwapCounter counter, String context, int order,
            Dimension dimension) {
        String title = "Calls to function <code>" + function + "</code>.";
        String servicesTitle = order == 0 ? "Calls to <code>" + function + "</code>." : title;
        return GroupChart.builder(id, title, "calls/s", GroupChart.Value.sum(counter.id()))
                .apps("swap", 20191 + order, Algorithm.INCREMENTAL)
                .cgroup("cgroup." + context, "swap (eBPF)", 45100 + order, ChartType.LINE, dimension)
                .services(servicesTitle, "services." + context, "swap (eBPF)", 20191 + order, ChartType.STACKED,
                        Algorithm.INCREMENTAL)
                .build();
    }
}
