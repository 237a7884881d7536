package dev.ebpfmon.module.group;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.group.GroupCollector.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples of the group charts from the groups' totals: apps.* (one dimension per visible
 * application group), cgroup_&lt;name&gt;.* (a chart per cgroup) and services.* (one dimension per
 * systemd service), per module counting per process. A chart whose dimensions are the groups is
 * made again only when the groups change.
 */
final class GroupSamples {
    private final List<Source> sources;
    private final List<ChartCache> appsCharts = new ArrayList<>();
    private final List<ChartCache> servicesCharts = new ArrayList<>();

    GroupSamples(List<Source> sources) {
        this.sources = sources;
        for (Source s : sources) {
            appsCharts.add(new ChartCache(s.charts().size()));
            servicesCharts.add(new ChartCache(s.charts().size()));
        }
    }

    /** Adds every group chart's sample of this tick. */
    void add(Tick tick, ProcessDirectory directory) {
        List<GroupState> visible = null; // the same for every module: made once a tick
        List<String> names = null;
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            if (s.apps()) {
                if (visible == null) {
                    visible = visibleApps(directory);
                    names = visible.stream().map(g -> g.name).toList();
                }
                appSamples(visible, names, i, s, tick);
            }
            if (s.cgroups()) {
                cgroupSamples(directory, i, s, tick);
            }
        }
    }

    /** The application groups charted, by name. */
    private static List<GroupState> visibleApps(ProcessDirectory directory) {
        List<GroupState> visible = new ArrayList<>();
        for (GroupState g : directory.appStates.values()) {
            if (g.counted && !g.hidden && !g.name.startsWith("-")) {
                visible.add(g);
            }
        }
        visible.sort(java.util.Comparator.comparing(g -> g.name));
        return visible;
    }

    private void appSamples(List<GroupState> visible, List<String> names, int source, Source s, Tick tick) {
        ChartCache cache = appsCharts.get(source);
        for (int k = 0; k < s.charts().size(); k++) {
            GroupChart gc = s.charts().get(k);
            if (!gc.appliesTo(s.context())) {
                continue;
            }
            Chart chart = cache.get(k, names, () -> GroupChartMaker.apps(s.module(), s.context(), gc, names));
            tick.add(new Sample(chart, values(visible, source, gc)));
        }
    }

    private void cgroupSamples(ProcessDirectory directory, int source, Source s, Tick tick) {
        List<GroupState> services = new ArrayList<>();
        for (GroupState g : directory.cgroupStates.values()) {
            if (!g.counted) {
                continue;
            }
            if (g.service) {
                services.add(g);
                continue;
            }
            for (int k = 0; k < s.charts().size(); k++) {
                GroupChart gc = s.charts().get(k);
                if (!gc.appliesTo(s.context())) {
                    continue;
                }
                Chart chart = g.charts[source][k];
                if (chart == null) {
                    chart = GroupChartMaker.cgroup(s.module(), s.context(), gc, g.name);
                    g.charts[source][k] = chart;
                }
                tick.add(new Sample(chart, new long[] {gc.value().of(g.now(source), g.before(source))}));
            }
        }
        if (services.isEmpty()) {
            return;
        }
        services.sort(java.util.Comparator.comparing(g -> g.name));
        List<String> names = services.stream().map(g -> g.name).toList();
        ChartCache cache = servicesCharts.get(source);
        for (int k = 0; k < s.charts().size(); k++) {
            GroupChart gc = s.charts().get(k);
            if (gc.appliesTo(s.context())) {
                Chart chart = cache.get(k, names, () -> GroupChartMaker.services(s.module(), s.context(), gc, names));
                tick.add(new Sample(chart, values(services, source, gc)));
            }
        }
    }

    private static long[] values(List<GroupState> groups, int source, GroupChart gc) {
        long[] row = new long[groups.size()];
        for (int i = 0; i < row.length; i++) {
            GroupState g = groups.get(i);
            row[i] = gc.value().of(g.now(source), g.before(source));
        }
        return row;
    }

    /** A chart per group chart, made again only when its list of dimensions changes. */
    private static final class ChartCache {
        private final Chart[] charts;
        private final List<List<String>> names;

        ChartCache(int size) {
            this.charts = new Chart[size];
            this.names = new ArrayList<>(java.util.Collections.nCopies(size, List.of()));
        }

        Chart get(int k, List<String> current, java.util.function.Supplier<Chart> make) {
            if (charts[k] == null || !names.get(k).equals(current)) {
                charts[k] = make.get();
                names.set(k, current);
            }
            return charts[k];
        }
    }
}
