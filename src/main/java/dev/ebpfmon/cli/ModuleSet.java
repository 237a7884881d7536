package dev.ebpfmon.cli;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.module.ModuleStatus;
import dev.ebpfmon.module.group.GroupCollector;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.ModuleLoader;
import dev.ebpfmon.module.self.SelfCollector;
import dev.ebpfmon.module.self.TickTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * One complete set of running modules: what the loader loaded, the per-group charts over them and
 * the self charts. Built whole or not at all (a failure closes what was built), swapped in whole,
 * closed whole: group and self collectors before the modules whose maps they read.
 *
 * @param groups      null when no module counts per process
 * @param groupsEvery seconds between group collections: the fastest of the modules counting per process
 */
record ModuleSet(LoadedModules modules, List<ModuleStatus> statuses, GroupCollector groups, int groupsEvery,
        SelfCollector self) implements AutoCloseable {

    /** How the group charts group processes. */
    record Grouping(AppsGroups appsGroups, boolean perProcess) {}

    static ModuleSet build(ModuleLoader loader, List<ModuleLoader.Request> requests, List<ModuleStatus> others,
            Grouping grouping, TickTimer timer, int selfEvery, boolean bpfStats) {
        LoadedModules modules = loader.load(requests);
        GroupCollector groups = null;
        try {
            groups = GroupCollector.of(modules, grouping.appsGroups(), grouping.perProcess()).orElse(null);
            GroupCollector counting = groups;
            Map<String, IntSupplier> counted = counting == null ? Map.of()
                    : Map.of(modules.pidTables().orElseThrow().slots().name(), counting::processes);
            SelfCollector self = SelfCollector.start(modules, timer, selfEvery, counted, bpfStats);
            List<ModuleStatus> statuses = new ArrayList<>(others);
            statuses.addAll(modules.statuses());
            return new ModuleSet(modules, List.copyOf(statuses), groups, groups == null ? 1 : groups.updateEvery(), self);
        } catch (RuntimeException | Error e) {
            if (groups != null) {
                groups.close();
            }
            modules.close();
            throw e;
        }
    }

    @Override
    public void close() {
        self.close();
        if (groups != null) {
            groups.close();
        }
        modules.close();
    }
}
