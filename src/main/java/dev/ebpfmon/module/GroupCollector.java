package dev.ebpfmon.module;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.config.LoadMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-application and per-cgroup charts of every module that declares {@link GroupChart}s: each
 * tick it walks the modules' per-PID tables, sums each process into its application group and its
 * cgroup, and keeps the final counts of processes that are gone (so group totals never go back),
 * then lets the kernel tables forget them.
 */
public final class GroupCollector implements Collector {
    /** One module's per-PID table and the group charts it declares. */
    public record Source(String module, PidCounterScan scan, List<GroupChart> charts, LoadMode mode, int updateEvery,
            boolean apps, boolean cgroups) {}

    private final List<Source> sources;
    private final ProcessView processes;
    private final boolean keepGone;
    /** per module: group -> counters of processes that are gone */
    private final Map<String, Map<String, long[]>> retiredApps = new HashMap<>();
    private final Map<String, Map<ProcessView.Cgroup, long[]>> retiredCgroups = new HashMap<>();

    /**
     * @param keepGone keep the counts of processes that are gone in their group's totals (always,
     *                 but for one row per process, where a gone process's row just goes)
     */
    public GroupCollector(List<Source> sources, ProcessView processes, boolean keepGone) {
        this.sources = List.copyOf(sources);
        this.processes = processes;
        this.keepGone = keepGone;
    }

    @Override
    public List<Chart> charts() {
        List<Chart> charts = new ArrayList<>();
        for (Source source : sources) {
            for (GroupChart gc : source.charts()) {
                if (source.apps() && gc.appliesTo(source.mode())) {
                    charts.add(appsChart(source, gc, List.of()));
                }
            }
        }
        return charts;
    }

    @Override
    public List<Sample> collect() {
        processes.refresh();
        Set<Integer> gone = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        for (Source source : sources) {
            Map<String, long[]> appTotals = new TreeMap<>();
            Map<ProcessView.Cgroup, long[]> cgroupTotals = new HashMap<>();
            Map<String, long[]> appRetired = retiredApps.computeIfAbsent(source.module(), m -> new HashMap<>());
            Map<ProcessView.Cgroup, long[]> cgroupRetired =
                    retiredCgroups.computeIfAbsent(source.module(), m -> new HashMap<>());
            source.scan().scan(processes::gone, (tgid, counters, last) -> {
                if (source.apps()) {
                    String app = processes.app(tgid);
                    add(last ? appRetired : appTotals, app, counters);
                }
                if (source.cgroups()) {
                    ProcessView.Cgroup cgroup = processes.cgroup(tgid);
                    if (cgroup != null) {
                        add(last ? cgroupRetired : cgroupTotals, cgroup, counters);
                    }
                }
                if (last) {
                    gone.add(tgid);
                }
            });
            if (!keepGone) {
                appRetired.clear();
                cgroupRetired.clear();
            }
            appRetired.forEach((app, counters) -> add(appTotals, app, counters));
            cgroupRetired.forEach((cgroup, counters) -> add(cgroupTotals, cgroup, counters));
            if (source.apps()) {
                appSamples(source, appTotals, samples);
            }
            if (source.cgroups()) {
                cgroupSamples(source, cgroupTotals, samples);
            }
        }
        processes.forget(gone);
        return samples;
    }

    private static <K> void add(Map<K, long[]> totals, K key, long[] counters) {
        long[] sum = totals.computeIfAbsent(key, k -> new long[counters.length]);
        for (int i = 0; i < counters.length; i++) {
            sum[i] += counters[i];
        }
    }

    private void appSamples(Source source, Map<String, long[]> totals, List<Sample> samples) {
        List<String> visible = totals.keySet().stream().filter(app -> !app.startsWith("-")).toList();
        for (GroupChart gc : source.charts()) {
            if (!gc.appliesTo(source.mode())) {
                continue;
            }
            long[] row = new long[visible.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = gc.value(totals.get(visible.get(i)));
            }
            samples.add(new Sample(appsChart(source, gc, visible), row));
        }
    }

    private static Chart appsChart(Source source, GroupChart gc, List<String> apps) {
        return Chart.builder("apps", gc.appsId()).title(gc.title()).units(gc.units()).family(gc.family())
                .context("apps." + gc.appsId()).chartType(ChartType.STACKED).priority(gc.priority())
                .updateEvery(source.updateEvery()).module(source.module())
                .dimensions(apps.stream().map(app -> Dimension.incremental(DimensionIds.of(app)).named(app)).toList())
                .build();
    }

    private static void cgroupSamples(Source source, Map<ProcessView.Cgroup, long[]> totals, List<Sample> samples) {
        List<ProcessView.Cgroup> services = new ArrayList<>();
        for (var entry : totals.entrySet()) {
            if (entry.getKey().service()) {
                services.add(entry.getKey());
                continue;
            }
            for (GroupChart gc : source.charts()) {
                if (gc.appliesTo(source.mode())) {
                    Chart chart = Chart.builder("cgroup_" + DimensionIds.of(entry.getKey().name()), gc.cgroupId())
                            .title(gc.title()).units(gc.units()).family(gc.family()).context("cgroup." + gc.cgroupId())
                            .chartType(ChartType.LINE).priority(gc.priority() + 5000)
                            .updateEvery(source.updateEvery()).module(source.module())
                            .dimensions(Dimension.incremental(dimensionFor(gc))).build();
                    samples.add(new Sample(chart, new long[] {gc.value(entry.getValue())}));
                }
            }
        }
        if (services.isEmpty()) {
            return;
        }
        services.sort(java.util.Comparator.comparing(ProcessView.Cgroup::name));
        for (GroupChart gc : source.charts()) {
            if (!gc.appliesTo(source.mode())) {
                continue;
            }
            long[] row = new long[services.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = gc.value(totals.get(services.get(i)));
            }
            Chart chart = Chart.builder("services", gc.cgroupId()).title(gc.title()).units(gc.units())
                    .family(gc.family()).context("services." + gc.cgroupId()).chartType(ChartType.STACKED)
                    .priority(gc.priority() + 10000).updateEvery(source.updateEvery()).module(source.module())
                    .dimensions(services.stream()
                            .map(s -> Dimension.incremental(DimensionIds.of(s.name())).named(s.name())).toList())
                    .build();
            samples.add(new Sample(chart, row));
        }
    }

    private static String dimensionFor(GroupChart gc) {
        return gc.units().startsWith("bytes") ? "bytes" : "calls";
    }
}
