package dev.ebpfmon.cli;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.apps.CgroupNames;
import dev.ebpfmon.apps.ProcessTable;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.AppsView;
import dev.ebpfmon.module.GroupCollector;
import dev.ebpfmon.module.LoadedModules;
import dev.ebpfmon.module.PidCounterScan;
import dev.ebpfmon.module.PidInfoTable;
import dev.ebpfmon.module.PidTable;
import dev.ebpfmon.module.PidTracking;
import java.util.ArrayList;
import java.util.List;

/** The per-application and per-cgroup charts of the running modules that ask for them. */
final class GroupCharts implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ebpfmon");

    private final GroupCollector collector;
    private final List<AutoCloseable> resources;
    private final int updateEvery;

    private GroupCharts(GroupCollector collector, List<AutoCloseable> resources, int updateEvery) {
        this.collector = collector;
        this.resources = resources;
        this.updateEvery = updateEvery;
    }

    static GroupCharts of(LoadedModules modules, AppsGroups appsGroups, boolean perProcess) {
        List<GroupCollector.Source> sources = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        int every = Integer.MAX_VALUE;
        for (LoadedModules.Running running : modules.running()) {
            ModuleSettings s = running.request().settings();
            var table = running.request().module().pidTable();
            if ((!s.apps() && !s.cgroups()) || table.isEmpty()) {
                continue;
            }
            PidTable t = table.get();
            PidCounterScan scan = new PidCounterScan(modules.objects().map(t.object(), t.map()), t.counters());
            resources.add(scan);
            sources.add(new GroupCollector.Source(running.name(), scan, running.request().module().groupCharts(),
                    s.loadMode(), s.updateEvery(), s.apps(), s.cgroups()));
            every = Math.min(every, s.updateEvery());
        }
        if (sources.isEmpty()) {
            return new GroupCharts(null, List.of(), 1);
        }
        PidInfoTable kernel = new PidInfoTable(modules.objects().map(PidTracking.OBJECT, PidTracking.MAP));
        AppsView view = new AppsView(new ProcessTable(), appsGroups, CgroupNames.host(), kernel, perProcess);
        resources.add(view);
        return new GroupCharts(new GroupCollector(sources, view, !perProcess), resources, every);
    }

    int updateEvery() {
        return updateEvery;
    }

    List<Sample> collect() {
        if (collector == null) {
            return List.of();
        }
        try {
            return collector.collect();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "collecting per-application charts failed", e);
            return List.of();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + resource + " failed", e);
            }
        }
    }
}
