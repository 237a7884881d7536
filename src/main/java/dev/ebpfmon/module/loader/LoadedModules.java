package dev.ebpfmon.module.loader;

import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of loading: the modules that run, every module's status, and the kernel handles,
 * closed in reverse order of creation (collectors, then links, then the objects they belong to)
 * on {@link #close()}.
 */
public final class LoadedModules implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ebpfmon.loader");

    /** A module that runs: its context (with its place in the per-process record), collector and status. */
    public record Running(Module module, ModuleContext context, Collector collector, ModuleStatus status) {
        public String name() {
            return module.name();
        }
    }

    private final List<Running> running;
    private final List<ModuleStatus> statuses;
    private final List<AutoCloseable> resources;
    private final LoadedObjects objects;
    private final List<AttachedProgram> attached;
    private final Map<String, BpfMap> maps;
    private final PidLayout layout;

    LoadedModules(List<Running> running, List<ModuleStatus> statuses, List<AutoCloseable> resources,
            LoadedObjects objects, List<AttachedProgram> attached, Map<String, BpfMap> maps, PidLayout layout) {
        this.running = List.copyOf(running);
        this.statuses = List.copyOf(statuses);
        this.resources = new ArrayList<>(resources);
        this.objects = objects;
        this.attached = List.copyOf(attached);
        this.maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
        this.layout = layout;
    }

    /**
     * The maps the modules declared, by name, once each even when objects share one; pruned-code
     * placeholders and libbpf's internal maps are not here.
     */
    public Map<String, BpfMap> maps() {
        return maps;
    }

    /** Every program attached, once per probe point however many modules share it (self-monitoring). */
    public List<AttachedProgram> attached() {
        return attached;
    }

    /** The loaded BPF objects, for readers beyond the modules' own collectors (tests, self-monitoring). */
    public LoadedObjects objects() {
        return objects;
    }

    public List<Running> running() {
        return running;
    }

    public List<ModuleStatus> statuses() {
        return statuses;
    }

    /** Where each module counting per process keeps its counters in the per-process record. */
    public PidLayout layout() {
        return layout;
    }

    /** The per-process records and the maps that go with them, when some module counts per process. */
    public java.util.Optional<PidTables> pidTables() {
        if (layout.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<BpfMap> all = ProcessRecords.SHARED.stream().map(maps::get).toList();
        return all.contains(null) ? java.util.Optional.empty()
                : java.util.Optional.of(new PidTables(all.get(0), all.get(1), all.get(2), all.get(3), all.get(4),
                        all.get(5), ProcessRecords.plainAdds()));
    }

    @Override
    public synchronized void close() {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        resources.clear();
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + resource + " failed: " + e);
            }
        }
    }
}
