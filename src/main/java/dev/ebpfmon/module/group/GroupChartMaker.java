package dev.ebpfmon.module.group;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.Placeholders;
import java.util.ArrayList;
import java.util.List;

/**
 * Netdata's three layouts of a {@link GroupChart}: {@code apps.<id>} with a dimension per
 * application group, {@code cgroup_<name>.<id>} per cgroup, {@code services.<id>} with a
 * dimension per systemd service.
 */
public final class GroupChartMaker {
    private GroupChartMaker() {}

    static Chart apps(String module, ModuleContext context, GroupChart gc, List<String> apps) {
        List<Dimension> dimensions = new ArrayList<>(apps.size());
        for (String app : apps) {
            dimensions.add(Dimension.of(dimensionId(app), gc.apps().algorithm()).named(app));
        }
        return Chart.builder("apps", gc.id()).title(gc.title()).units(gc.units()).family(gc.apps().family())
                .context("apps." + gc.id()).chartType(ChartType.STACKED).priority(gc.apps().priority())
                .updateEvery(context.updateEvery()).module(module).dimensions(dimensions).build();
    }

    static Chart cgroup(String module, ModuleContext context, GroupChart gc, String cgroup) {
        GroupChart.Cgroup layout = gc.cgroup();
        String type = cgroup.equals(Placeholders.CGROUP) ? "cgroup_" + cgroup : DimensionIds.chartType("cgroup_", cgroup);
        return Chart.builder(type, gc.id()).title(layout.title()).units(gc.units()).family(layout.family())
                .context(layout.context()).chartType(layout.type()).priority(layout.priority())
                .updateEvery(context.updateEvery()).module(module).dimensions(layout.dimension())
                .label("cgroup", cgroup).build();
    }

    static Chart services(String module, ModuleContext context, GroupChart gc, List<String> services) {
        GroupChart.Services layout = gc.services();
        List<Dimension> dimensions = new ArrayList<>(services.size());
        for (String service : services) {
            dimensions.add(Dimension.of(dimensionId(service), layout.algorithm()).named(service));
        }
        return Chart.builder("services", gc.id()).title(layout.title()).units(gc.units()).family(layout.family())
                .context(layout.context()).chartType(layout.type()).priority(layout.priority())
                .updateEvery(context.updateEvery()).module(module).dimensions(dimensions).build();
    }

    private static String dimensionId(String name) {
        return name.startsWith("<") ? name : DimensionIds.of(name);
    }

    /**
     * Every chart the group charts of a module can draw in this context, with placeholders for
     * applications, cgroups and services (the module's chart catalog, next to its host charts).
     */
    public static List<Chart> templates(String module, ModuleContext context, List<GroupChart> charts) {
        List<Chart> templates = new ArrayList<>();
        for (GroupChart gc : charts) {
            if (!gc.appliesTo(context)) {
                continue;
            }
            if (context.settings().apps()) {
                templates.add(apps(module, context, gc, List.of(Placeholders.APP)));
            }
            if (context.settings().cgroups()) {
                templates.add(cgroup(module, context, gc, Placeholders.CGROUP));
                templates.add(services(module, context, gc, List.of(Placeholders.SERVICE)));
            }
        }
        return templates;
    }
}
