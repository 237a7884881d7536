package dev.ebpfmon.module.softirq;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.kernel.ProcFile;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.CounterModule;
import dev.ebpfmon.module.HostCounters;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * softirq: time spent in each softirq vector ({@code irq:softirq_entry/exit}), Netdata's
 * {@code system.softirq_latency}; and, beyond Netdata, how many runs /proc/softirqs counted that
 * the tracepoints did not see, per tick ({@code system.softirq_drift}). Host-wide only.
 */
public final class SoftirqModule implements Module {
    static final String OBJECT = "softirq";
    static final Path PROC_SOFTIRQS = Path.of("/proc/softirqs");
    private static final String FAMILY = "softirqs";

    private static final ModuleInfo INFO = ModuleInfo.of("softirq", 14, "Software IRQs", true);

    @Override
    public ModuleInfo info() {
        return INFO;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        return List.of(new ObjectUse(OBJECT, List.of(
                ProbePoint.tracepoint("softirq_entry", "softirq_entry_btf", "softirq_entry_raw"),
                ProbePoint.tracepoint("softirq_exit", "softirq_exit_btf", "softirq_exit_raw")),
                Map.of(), Map.of(CounterModule.hostMap(name()), MapSpec.compiled(), "softirq_start", MapSpec.compiled())));
    }

    @Override
    public Collector collector(ModuleContext context, LoadedObjects objects) {
        HostCounters counters = new HostCounters(objects.map(OBJECT, CounterModule.hostMap(name())),
                SoftirqVector.COUNTERS);
        List<Chart> charts = charts(context);
        ProcFile softirqs = new ProcFile(PROC_SOFTIRQS);
        return new SoftirqCollector(counters::read, () -> {
            softirqs.read();
            return ProcSoftirqs.totals(softirqs.bytes(), softirqs.length());
        }, () -> {
            softirqs.close();
            counters.close();
        }, charts.get(0), charts.get(1));
    }

    @Override
    public List<Chart> charts(ModuleContext context) {
        Chart latency = Chart.builder("system", "softirq_latency").title("Software IRQ latency").units("milliseconds")
                .family(FAMILY).chartType(ChartType.STACKED).priority(951).updateEvery(context.updateEvery())
                .module(name()).dimensions(dimensions(Dimension::incremental)).build();
        Chart drift = Chart.builder("system", "softirq_drift").title("Software IRQs in /proc/softirqs not seen by eBPF")
                .units("softirqs").family(FAMILY).chartType(ChartType.LINE).priority(952)
                .updateEvery(context.updateEvery()).module(name()).dimensions(dimensions(Dimension::absolute)).build();
        return List.of(latency, drift);
    }

    private static List<Dimension> dimensions(java.util.function.Function<String, Dimension> make) {
        return Arrays.stream(SoftirqVector.values()).map(v -> make.apply(v.name())).toList();
    }
}
