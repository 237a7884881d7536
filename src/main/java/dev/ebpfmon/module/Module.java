package dev.ebpfmon.module;

import dev.ebpfmon.config.ModuleSettings;
import java.util.List;
import java.util.Optional;

/**
 * One of Netdata's eBPF threads (process, fd, vfs, ...): what it needs from the kernel and how it
 * reads it back. Modules declare; {@link ModuleLoader} does the loading, sharing and attaching.
 */
public interface Module {
    /** Netdata's thread name, also the config file name (ebpf.d/&lt;name&gt;.conf). */
    String name();

    /** The BPF objects and probe points this module needs with these settings. */
    List<ObjectUse> uses(ModuleSettings settings);

    /** Starts reading from the objects the loader loaded for {@link #uses}. */
    Collector collector(LoadedObjects objects, ModuleSettings settings);

    /** The module's per-process counters, for per-application and per-cgroup charts. */
    default Optional<PidTable> pidTable() {
        return Optional.empty();
    }

    /** The counters charted per application and per cgroup (apps = yes, cgroups = yes). */
    default List<GroupChart> groupCharts() {
        return List.of();
    }
}
