package dev.ebpfmon.module.loader;

import dev.ebpfmon.bpf.Bpf;
import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfLink;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.BpfObject;
import dev.ebpfmon.bpf.BpfProgram;
import dev.ebpfmon.bpf.MapType;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.Attachments;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleStatus;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads a set of modules: lays out the per-process record, merges the modules' uses per BPF object
 * (so a shared probe point such as the sys_exit dispatcher is attached once), picks each point's
 * variant for this kernel, sets globals and map sizes, loads, attaches, and starts each module's
 * collector, telling it how its points were served. An optional point no variant of which fits
 * this kernel is left out; a module that cannot run is reported with its reason and the others go on; if
 * loading itself breaks, everything already loaded is closed before the exception leaves.
 */
public final class ModuleLoader {
    private static final System.Logger LOG = System.getLogger("ebpfmon.loader");
    private final AttachPlan plan;
    private final Function<String, byte[]> objectBytes;

    /** @param symbols this kernel's functions, for variants on functions that were renamed across versions */
    public ModuleLoader(Map<AttachKind, AttachSupport> support, KernelSymbols symbols,
            Function<String, byte[]> objectBytes) {
        this.plan = new AttachPlan(support, symbols);
        this.objectBytes = objectBytes;
    }

    /** One module and the context it runs in (its offset in the per-process record is the loader's to set). */
    public record Request(Module module, ModuleContext context) {
        String name() {
            return module.name();
        }
    }

    record Use(Request request, ObjectUse use) {
        boolean serves(String point) {
            return use.probePoints().stream().anyMatch(p -> p.name().equals(point));
        }
    }

    public LoadedModules load(List<Request> asked) {
        PidLayout layout = PidLayout.of(asked);
        List<Request> requests = asked.stream()
                .map(r -> new Request(r.module(), r.context().withPidOffset(layout.offsetOf(r.name())))).toList();
        LoadRun run = new LoadRun(layout);
        if (!layout.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, ProcessRecords.howCounted());
        }
        try {
            run.plan(requests);
            run.loadObjects();
            run.attach();
            run.releaseLibbpf();
            return run.start(requests);
        } catch (RuntimeException | Error e) {
            run.closeAll();
            throw e;
        }
    }

    /** The state of one load, from planning to started collectors. */
    private final class LoadRun {
        private final PidLayout layout;
        private final Failures failures = new Failures();
        private final Map<String, List<Use>> byObject = new LinkedHashMap<>();
        private final Map<String, Map<String, AttachPlan.Choice.Chosen>> chosen = new LinkedHashMap<>();
        /** Per object, the optional points left out, and why. */
        private final Map<String, Map<String, String>> leftOut = new LinkedHashMap<>();
        private final List<AutoCloseable> resources = new ArrayList<>();
        private final Map<String, BpfObject> loaded = new LinkedHashMap<>();
        private final Map<String, BpfMap> sharedMaps = new LinkedHashMap<>();
        private final List<AttachedProgram> attached = new ArrayList<>();

        LoadRun(PidLayout layout) {
            this.layout = layout;
        }

        void plan(List<Request> requests) {
            for (Request request : requests) {
                try {
                    List<ObjectUse> uses = new ArrayList<>(request.module().uses(request.context()));
                    if (request.context().pidOffset() > 0) {
                        uses.add(ProcessRecords.use(layout));
                    }
                    uses.forEach(u -> byObject.computeIfAbsent(u.object(), o -> new ArrayList<>()).add(new Use(request, u)));
                } catch (RuntimeException e) {
                    failures.fail(request.name(), "cannot plan: " + Failures.describe(e));
                }
            }
            byObject.forEach((object, users) -> chosen.put(object, chooseVariants(object, users)));
        }

        private Map<String, AttachPlan.Choice.Chosen> chooseVariants(String object, List<Use> users) {
            Map<String, ProbePoint> points = new LinkedHashMap<>();
            Map<String, Set<AttachKind>> allowed = new HashMap<>();
            for (Use u : users) {
                for (ProbePoint p : u.use().probePoints()) {
                    points.putIfAbsent(p.name(), p);
                    allowed.computeIfAbsent(p.name(), n -> EnumSet.noneOf(AttachKind.class))
                            .addAll(AttachPlan.allowed(u.request().context().settings().coreTracing()));
                }
            }
            Map<String, AttachPlan.Choice.Chosen> variants = new LinkedHashMap<>();
            points.forEach((name, point) -> {
                switch (plan.choose(point, allowed.get(name))) {
                    case AttachPlan.Choice.Chosen c -> variants.put(name, c);
                    case AttachPlan.Choice.Refused r when point.optional() ->
                            leftOut.computeIfAbsent(object, o -> new LinkedHashMap<>()).put(name, r.reasons());
                    case AttachPlan.Choice.Refused r -> users.stream().filter(u -> u.serves(name))
                            .forEach(u -> failures.fail(u.request().name(), r.reasons()));
                }
            });
            return variants;
        }

        void loadObjects() {
            for (var entry : byObject.entrySet()) {
                List<Use> users = failures.alive(entry.getValue());
                if (users.isEmpty()) {
                    continue;
                }
                try {
                    Map<String, MapSpec> specs = mapSpecs(users);
                    BpfObject object = open(entry.getKey(), users, specs);
                    resources.add(object);
                    object.load();
                    loaded.put(entry.getKey(), object);
                    boolean newTable = !layout.isEmpty() && !sharedMaps.containsKey(ProcessRecords.FREE_SLOTS);
                    specs.keySet().forEach(m -> object.map(m).ifPresent(map -> sharedMaps.putIfAbsent(m, map)));
                    if (newTable && sharedMaps.containsKey(ProcessRecords.FREE_SLOTS)) {
                        ProcessRecords.fillFreeSlots(sharedMaps.get(ProcessRecords.FREE_SLOTS), layout.tableSize());
                    }
                } catch (BpfException | RuntimeException e) {
                    String reason = "BPF object " + entry.getKey() + " failed to load: " + Failures.describe(e);
                    users.forEach(u -> failures.fail(u.request().name(), reason));
                }
            }
        }

        /** The maps the users read, and the per-process records wherever some module counts per process. */
        private Map<String, MapSpec> mapSpecs(List<Use> users) {
            Map<String, MapSpec> specs = new HashMap<>();
            users.forEach(u -> u.use().maps().forEach((m, spec) -> specs.merge(m, spec, MapSpec::merge)));
            if (!layout.isEmpty()) {
                specs.putAll(ProcessRecords.specs(layout));
            }
            return specs;
        }

        private BpfObject open(String name, List<Use> users, Map<String, MapSpec> specs) throws BpfException {
            BpfObject object = BpfObject.open(name, objectBytes.apply(name));
            try {
                Map<String, AttachPlan.Choice.Chosen> programs = new LinkedHashMap<>();
                for (Use u : users) {
                    u.use().probePoints().forEach(p -> {
                        AttachPlan.Choice.Chosen c = chosen.get(name).get(p.name());
                        if (c != null) {
                            programs.put(c.variant().program(), c);
                        }
                    });
                    u.use().globals().forEach(object::setGlobal);
                }
                if (!layout.isEmpty() && object.hasGlobal(ProcessRecords.PLAIN_ADDS)) {
                    object.setGlobal(ProcessRecords.PLAIN_ADDS, ProcessRecords.plainAdds() ? 1 : 0);
                }
                for (BpfProgram program : object.programs()) {
                    AttachPlan.Choice.Chosen c = programs.get(program.name());
                    program.setAutoload(c != null);
                    if (c != null && c.variant().kind() == AttachKind.TRAMPOLINE && c.function().isPresent()) {
                        program.setAttachTarget(c.function().get());
                    }
                }
                for (BpfMap map : object.maps()) {
                    if (!map.isInternal()) {
                        size(map, specs.get(map.name()));
                    }
                }
                return object;
            } catch (BpfException | RuntimeException e) {
                object.close();
                throw e;
            }
        }

        /** Sizes a map as asked and shares it with the objects loaded before; unasked maps serve pruned code only. */
        private void size(BpfMap map, MapSpec spec) throws BpfException {
            if (spec == null) {
                // the smallest a ring can be is a page
                map.setMaxEntries(map.type() == MapType.RINGBUF ? ProcessRecords.MIN_RING_BYTES : 1);
                return;
            }
            if (spec.maxEntries() > 0) {
                map.setMaxEntries(spec.maxEntries());
            }
            if (spec.valueSize() > 0) {
                map.setValueSize(spec.valueSize());
            }
            BpfMap shared = sharedMaps.get(map.name());
            if (shared != null) {
                map.reuseFdOf(shared);
            }
        }

        void attach() {
            loaded.forEach((objectName, object) -> {
                List<Use> users = failures.alive(byObject.get(objectName));
                Set<String> needed = new LinkedHashSet<>();
                users.forEach(u -> u.use().probePoints().forEach(p -> needed.add(p.name())));
                for (String point : needed) {
                    AttachPlan.Choice.Chosen c = chosen.get(objectName).get(point);
                    if (c == null) {
                        continue; // an optional point left out
                    }
                    String program = c.variant().program();
                    try {
                        BpfProgram bpfProgram = object.program(program).orElseThrow(
                                () -> new IllegalStateException("object " + objectName + " has no program " + program));
                        BpfLink link = c.variant().kind() == AttachKind.PROBE && c.function().isPresent()
                                ? bpfProgram.attachKprobe(c.function().get()) : bpfProgram.attach();
                        resources.add(link);
                        attached.add(new AttachedProgram(objectName, point, bpfProgram));
                    } catch (BpfException | RuntimeException e) {
                        String reason = "cannot attach " + program + " (" + point + "): " + Failures.describe(e);
                        users.stream().filter(u -> u.serves(point)).forEach(u -> failures.fail(u.request().name(), reason));
                    }
                }
            });
        }

        /**
         * Frees libbpf's side of every object once all are attached (a collector started later
         * reads its maps through fds of their own), then gives the malloc heap's free pages back:
         * 4 MiB of RSS at 10,000 processes with every module on, 9 MiB idle (BENCHMARKS.md).
         */
        void releaseLibbpf() {
            for (BpfObject object : loaded.values()) {
                try {
                    object.releaseLibbpf();
                } catch (BpfException e) {
                    LOG.log(System.Logger.Level.WARNING, "BPF object " + object.name()
                            + " keeps libbpf's copy (memory only): " + Failures.describe(e));
                }
            }
            Bpf.trimMallocHeap();
        }

        LoadedModules start(List<Request> requests) {
            List<LoadedModules.Running> running = new ArrayList<>();
            List<ModuleStatus> statuses = new ArrayList<>();
            LoadedObjects objects = new LoadedObjects(Map.copyOf(loaded));
            for (Request request : requests) {
                String name = request.name();
                ModuleStatus failure = failures.of(name);
                if (failure == null) {
                    try {
                        ModuleContext context = request.context().withAttachments(attachments(request));
                        Collector collector = request.module().collector(context, objects);
                        resources.add(collector);
                        ModuleStatus status = ModuleStatus.running(name, how(request, context));
                        running.add(new LoadedModules.Running(request.module(), context, collector, status));
                        statuses.add(status);
                        continue;
                    } catch (RuntimeException e) {
                        failure = ModuleStatus.unavailable(name, "collector failed to start: " + Failures.describe(e));
                    }
                }
                statuses.add(failure);
            }
            return new LoadedModules(running, statuses, resources, objects, attached, sharedMaps, layout);
        }

        /** How the request's points were served, and which optional ones were left out. */
        private Attachments attachments(Request request) {
            Map<String, Attachments.Served> served = new LinkedHashMap<>();
            Map<String, String> unavailable = new LinkedHashMap<>();
            byObject.forEach((object, users) -> users.stream()
                    .filter(u -> u.request() == request && !object.equals(ProcessRecords.OBJECT))
                    .forEach(u -> u.use().probePoints().forEach(p -> {
                        AttachPlan.Choice.Chosen c = chosen.get(object).get(p.name());
                        if (c != null) {
                            served.put(p.name(), new Attachments.Served(c.variant().kind(), c.function()));
                        } else {
                            unavailable.put(p.name(), leftOut.getOrDefault(object, Map.of()).getOrDefault(p.name(), ""));
                        }
                    })));
            return new Attachments(true, served, unavailable);
        }

        private String how(Request request, ModuleContext context) {
            Map<AttachKind, Set<String>> byKind = new LinkedHashMap<>();
            byObject.forEach((object, users) -> users.stream()
                    .filter(u -> u.request() == request && !object.equals(ProcessRecords.OBJECT))
                    .forEach(u -> u.use().probePoints().forEach(p -> {
                        AttachPlan.Choice.Chosen c = chosen.get(object).get(p.name());
                        if (c == null) {
                            return; // left out: the module's limits say what that costs
                        }
                        long sharers = users.stream().filter(o -> o.serves(p.name())).map(Use::request).distinct().count();
                        String on = c.function().filter(f -> !f.equals(p.name())).map(f -> " on " + f).orElse("");
                        byKind.computeIfAbsent(c.variant().kind(), k -> new LinkedHashSet<>())
                                .add(p.name() + on + (sharers > 1 ? " (shared)" : ""));
                    })));
            List<String> parts = new ArrayList<>();
            byKind.forEach((kind, points) -> parts.add(kind.family() + " " + kind.label() + ": " + String.join(", ", points)));
            Optional.of(request.module().limits(context)).filter(l -> !l.isBlank()).ifPresent(parts::add);
            return String.join("; ", parts);
        }

        void closeAll() {
            new LoadedModules(List.of(), List.of(), resources, new LoadedObjects(Map.of()), List.of(), Map.of(), layout)
                    .close();
        }
    }
}
