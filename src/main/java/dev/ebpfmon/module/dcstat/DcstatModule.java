package dev.ebpfmon.module.dcstat;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.CounterModule;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import java.util.List;
import java.util.Map;

/**
 * dcstat: directory cache lookups, from lookup_fast (each path component the walk looks up in
 * the cache) and d_lookup (lookups under the rename lock: creating, unlinking, renaming), with
 * Netdata's charts. No tracepoint exists for either: on a kernel without kprobes and trampolines
 * the module cannot run, and says so. Off by default, as in Netdata.
 */
public final class DcstatModule extends CounterModule {
    static final String OBJECT = "dcstat";
    private static final String FAMILY = "directory cache (eBPF)";

    public DcstatModule() {
        super(ModuleInfo.of("dcstat", 5, "Directory cache", false), DcstatCounter.COUNT, true);
    }

    @Override
    protected String countersObject() {
        return OBJECT;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        // lookup_fast is static: kallsyms may list a compiler's clone (lookup_fast.constprop.0), but
        // BTF keeps the source name, which is what fentry needs and what the matrix's kernels list
        return List.of(new ObjectUse(OBJECT, List.of(
                ProbePoint.function("lookup_fast", List.of("lookup_fast"), "reference_fentry", "reference_kprobe"),
                ProbePoint.function("d_lookup", List.of("d_lookup"), "lookup_fexit", "lookup_kretprobe")),
                globals(name(), 1, context), Map.of(hostMap(name()), MapSpec.compiled())));
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext c) {
        Chart ratio = chart(c, "dc_hit_ratio", "Percentage of files inside directory cache", "%", 21200,
                Dimension.absolute("ratio"));
        Chart reference = chart(c, "dc_reference", "Variables used to calculate hit ratio.", "files", 21201,
                Dimension.absolute("reference"), Dimension.absolute("slow"), Dimension.absolute("miss"));
        return List.of(
                new CounterChart(ratio, List.of((now, before) -> DirectoryCacheInterval.of(now, before).ratio())),
                new CounterChart(reference, List.of(
                        (now, before) -> DirectoryCacheInterval.of(now, before).references(),
                        (now, before) -> DirectoryCacheInterval.of(now, before).slow(),
                        (now, before) -> DirectoryCacheInterval.of(now, before).misses())));
    }

    private static Chart chart(ModuleContext c, String id, String title, String units, int priority,
            Dimension... dimensions) {
        return Chart.builder("filesystem", id).title(title).units(units).family(FAMILY).priority(priority)
                .updateEvery(c.updateEvery()).module("dcstat").dimensions(dimensions).build();
    }

    @Override
    public List<GroupChart> groupCharts(ModuleContext context) {
        return List.of(
                GroupChart.builder("dc_hit_ratio", "Percentage of files inside directory cache", "%",
                                (now, before) -> DirectoryCacheInterval.of(now, before).ratio())
                        .apps(FAMILY, 20100, Algorithm.ABSOLUTE, ChartType.LINE)
                        .cgroup("cgroup.dc_ratio", FAMILY, 45700, ChartType.LINE, Dimension.absolute("ratio"))
                        .services("services.dc_ratio", FAMILY, 21200, ChartType.LINE, Algorithm.ABSOLUTE).build(),
                delta("dc_reference", "Count file access", DcstatCounter.REFERENCE, 1, "reference", 21201),
                delta("dc_not_cache", "Files not present inside directory cache", DcstatCounter.SLOW, 2, "slow", 21202),
                // Netdata gives the services layouts of not_cache and not_found one priority
                delta("dc_not_found", "Files not found", DcstatCounter.MISS, 3, "miss", 21202));
    }

    /** A count per interval in Netdata's three layouts. */
    private static GroupChart delta(String id, String title, DcstatCounter counter, int order, String dimension,
            int servicesPriority) {
        return GroupChart.builder(id, title, "files", (now, before) -> now[counter.id()] - before[counter.id()])
                .apps(FAMILY, 20100 + order, Algorithm.ABSOLUTE)
                .cgroup("cgroup." + id, FAMILY, 45700 + order, ChartType.LINE, Dimension.absolute(dimension))
                .services("services." + id, FAMILY, servicesPriority, ChartType.LINE, Algorithm.ABSOLUTE).build();
    }
}
