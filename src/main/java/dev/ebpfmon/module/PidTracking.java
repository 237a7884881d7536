package dev.ebpfmon.module;

import dev.ebpfmon.config.ModuleSettings;
import java.util.List;
import java.util.Map;

/**
 * The process object's pid_info table (name, parent and cgroup of every process, kept at fork and
 * exec), which per-application and per-cgroup charts need. Every module with `apps` or `cgroups`
 * on asks for it; the loader attaches it once however many ask.
 */
public final class PidTracking {
    public static final String OBJECT = "process";
    public static final String MAP = "pid_info";

    private PidTracking() {}

    /** The use to add to a module's uses when its settings want apps or cgroups; empty otherwise. */
    public static List<ObjectUse> uses(ModuleSettings settings) {
        if (!settings.apps() && !settings.cgroups()) {
            return List.of();
        }
        return List.of(new ObjectUse(OBJECT, List.of(
                ProbePoint.tracepoint("sched_process_fork", "fork_btf", "fork_raw"),
                ProbePoint.tracepoint("sched_process_exec", "exec_btf", "exec_raw"),
                ProbePoint.tracepoint("sched_process_exit", "exit_btf", "exit_raw")),
                Map.of("track_pids", 1L), Map.of(MAP, settings.pidTableSize())));
    }
}
