package dev.ebpfmon.module.fd;

import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.CounterCollector;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.HostCounters;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.PidTable;
import dev.ebpfmon.module.PidTracking;
import dev.ebpfmon.module.SyscallDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** fd: open and close calls (and, in return mode, their errors), through the shared dispatcher. */
public final class FdModule implements Module {
    static final String GLOBAL_MAP = "fd_global";
    static final String PID_MAP = "fd_pid";

    @Override
    public String name() {
        return "fd";
    }

    @Override
    public List<ObjectUse> uses(ModuleSettings settings) {
        List<ObjectUse> uses = new ArrayList<>(PidTracking.uses(settings));
        uses.add(SyscallDispatcher.use(name(), settings.loadMode(),
                Map.of(GLOBAL_MAP, 0, PID_MAP, settings.pidTableSize())));
        return uses;
    }

    @Override
    public Collector collector(LoadedObjects objects, ModuleSettings settings) {
        HostCounters host = new HostCounters(objects.map(SyscallDispatcher.OBJECT, GLOBAL_MAP), FdCounter.COUNT);
        return new CounterCollector(host, FdCharts.host(settings));
    }

    @Override
    public Optional<PidTable> pidTable() {
        return Optional.of(new PidTable(SyscallDispatcher.OBJECT, PID_MAP, FdCounter.COUNT));
    }

    @Override
    public List<GroupChart> groupCharts() {
        return FdCharts.groups();
    }
}
