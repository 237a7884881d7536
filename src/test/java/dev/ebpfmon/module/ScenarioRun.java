package dev.ebpfmon.module;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.loader.LoadedModules;
import java.nio.file.Path;

/**
 * One run of a scenario, for its own checks: the loaded module, the workload's process, its
 * per-process counter deltas and the host counter deltas (both by counter id, null when the module
 * has none), and the directory the workload ran in.
 */
public record ScenarioRun(LoadedModules modules, LoadMode mode, int pid, long[] perProcess, long[] host, Path dir) {}
