package dev.ebpfmon.module;

import dev.ebpfmon.chart.Chart;
import java.util.List;

/**
 * One of Netdata's eBPF modules (process, fd, vfs, ...). A module lives in its own package,
 * {@code dev.ebpfmon.module.<name>}, as a class {@code <Name>Module} with a public no-argument
 * constructor, which is how {@link ModuleCatalog} finds it. Modules declare; the loader loads,
 * shares and attaches, and the group charts are drawn for them from their {@link GroupChart}s.
 */
public interface Module {
    ModuleInfo info();

    default String name() {
        return info().name();
    }

    /**
     * How many u64 counters the module keeps per process (in the shared per-process record), for
     * its group charts; 0 for a module without any. They are kept only while apps or cgroups are on.
     */
    default int pidCounters() {
        return 0;
    }

    /** The BPF objects and probe points this module needs in this context. */
    List<ObjectUse> uses(ModuleContext context);

    /** Starts reading from the objects the loader loaded for {@link #uses}. */
    Collector collector(ModuleContext context, LoadedObjects objects);

    /**
     * Every host-side chart the module can draw in this context, in display order; charts made per
     * key at run time (a disk, a filesystem) appear once, with {@link Placeholders} for the key.
     * A test holds these against Netdata's chart tables and against what the collector draws.
     */
    List<Chart> charts(ModuleContext context);

    /**
     * What the module's series cannot show exactly, given how it was attached
     * ({@link ModuleContext#attachments()}): which are approximate or unavailable, and why. The
     * loader adds it to the module's status (what `check` prints); empty when everything is exact.
     */
    default String limits(ModuleContext context) {
        return "";
    }

    /** The per-process counters charted per application, cgroup and systemd service. */
    default List<GroupChart> groupCharts(ModuleContext context) {
        return List.of();
    }
}
