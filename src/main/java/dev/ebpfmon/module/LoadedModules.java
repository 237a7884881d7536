package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of loading: the modules that run, every module's status, and the kernel handles
 * (links before the objects they belong to), closed in reverse order on {@link #close()}.
 */
public final class LoadedModules implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ebpfmon.loader");

    /** A module that runs: its request, collector and status. */
    public record Running(ModuleLoader.Request request, Collector collector, ModuleStatus status) {
        public String name() {
            return request.module().name();
        }
    }

    private final List<Running> running;
    private final List<ModuleStatus> statuses;
    private final List<AutoCloseable> resources;
    private final LoadedObjects objects;
    private final List<AttachedProgram> attached;
    private final Map<String, BpfMap> maps;

    LoadedModules(List<Running> running, List<ModuleStatus> statuses, List<AutoCloseable> resources,
            LoadedObjects objects, List<AttachedProgram> attached, Map<String, BpfMap> maps) {
        this.running = List.copyOf(running);
        this.statuses = List.copyOf(statuses);
        this.resources = new ArrayList<>(resources);
        this.objects = objects;
        this.attached = List.copyOf(attached);
        this.maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
    }

    /**
     * The maps the modules declared, by name, once each even when objects share one (the
     * dispatcher's per-PID tables); pruned-code placeholders and libbpf's internal maps are not here.
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

    @Override
    public synchronized void close() {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        resources.clear();
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + resource + " failed", e);
            }
        }
    }
}
