package dev.ebpfmon.module;

import dev.ebpfmon.config.ModuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A module served by the shared syscall dispatcher whose data is a set of counters: host-wide in
 * `<name>_global` (per-CPU array) and per process in `<name>_pid` (LRU hash). Its subclasses only
 * say which counters and which charts.
 */
public abstract class SyscallCounterModule implements Module {
    private final String name;
    private final int counters;
    private final Function<ModuleSettings, List<CounterChart>> hostCharts;
    private final List<GroupChart> groupCharts;

    protected SyscallCounterModule(String name, int counters, Function<ModuleSettings, List<CounterChart>> hostCharts,
            List<GroupChart> groupCharts) {
        this.name = name;
        this.counters = counters;
        this.hostCharts = hostCharts;
        this.groupCharts = List.copyOf(groupCharts);
    }

    @Override
    public final String name() {
        return name;
    }

    private String globalMap() {
        return name + "_global";
    }

    private String pidMap() {
        return name + "_pid";
    }

    @Override
    public final List<ObjectUse> uses(ModuleSettings settings) {
        List<ObjectUse> uses = new ArrayList<>(PidTracking.uses(settings));
        uses.add(SyscallDispatcher.use(name, settings.loadMode(),
                Map.of(globalMap(), 0, pidMap(), settings.pidTableSize())));
        return uses;
    }

    @Override
    public final Collector collector(LoadedObjects objects, ModuleSettings settings) {
        HostCounters host = new HostCounters(objects.map(SyscallDispatcher.OBJECT, globalMap()), counters);
        return new CounterCollector(host, hostCharts.apply(settings));
    }

    @Override
    public final Optional<PidTable> pidTable() {
        return Optional.of(new PidTable(SyscallDispatcher.OBJECT, pidMap(), counters));
    }

    @Override
    public final List<GroupChart> groupCharts() {
        return groupCharts;
    }
}
