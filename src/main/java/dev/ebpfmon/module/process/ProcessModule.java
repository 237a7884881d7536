package dev.ebpfmon.module.process;

import dev.ebpfmon.config.LoadMode;
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
import dev.ebpfmon.module.ProbePoint;
import dev.ebpfmon.module.SyscallDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * process: task creation, exit and release from the scheduler's tracepoints; in return mode also
 * failed fork/clone calls, from the shared syscall dispatcher (writing into the same maps).
 */
public final class ProcessModule implements Module {
    static final String OBJECT = "process";
    static final String GLOBAL_MAP = "process_global";
    static final String PID_MAP = "process_pid";

    @Override
    public String name() {
        return "process";
    }

    @Override
    public List<ObjectUse> uses(ModuleSettings settings) {
        Map<String, Integer> maps = Map.of(GLOBAL_MAP, 0, PID_MAP, settings.pidTableSize());
        List<ObjectUse> uses = new ArrayList<>();
        uses.add(new ObjectUse(OBJECT, List.of(
                ProbePoint.tracepoint("sched_process_fork", "fork_btf", "fork_raw"),
                ProbePoint.tracepoint("sched_process_exit", "exit_btf", "exit_raw"),
                ProbePoint.tracepoint("sched_process_free", "free_btf", "free_raw")), Map.of("count_tasks", 1L), maps));
        if (settings.loadMode() == LoadMode.RETURN) {
            uses.add(SyscallDispatcher.use(name(), LoadMode.RETURN, maps));
        }
        uses.addAll(PidTracking.uses(settings));
        return uses;
    }

    @Override
    public Collector collector(LoadedObjects objects, ModuleSettings settings) {
        HostCounters host = new HostCounters(objects.map(OBJECT, GLOBAL_MAP), ProcessCounter.COUNT);
        return new CounterCollector(host, ProcessCharts.host(settings));
    }

    @Override
    public Optional<PidTable> pidTable() {
        return Optional.of(new PidTable(OBJECT, PID_MAP, ProcessCounter.COUNT));
    }

    @Override
    public List<GroupChart> groupCharts() {
        return ProcessCharts.groups();
    }
}
