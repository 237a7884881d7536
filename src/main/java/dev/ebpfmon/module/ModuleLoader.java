package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfLink;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.BpfObject;
import dev.ebpfmon.bpf.BpfProgram;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.AttachSupport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads the enabled modules: merges their uses per BPF object (so a shared probe point such as the
 * sys_exit dispatcher is attached once), picks each point's variant for this kernel, sets globals
 * and map sizes, loads, attaches, and starts each module's collector. A module that cannot run is
 * reported with its reason and the others go on.
 */
public final class ModuleLoader {
    private static final System.Logger LOG = System.getLogger("ebpfmon.loader");

    private final AttachPlan plan;
    private final Function<String, byte[]> objectBytes;

    public ModuleLoader(Map<AttachKind, AttachSupport> support, Function<String, byte[]> objectBytes) {
        this.plan = new AttachPlan(support);
        this.objectBytes = objectBytes;
    }

    /** One module and the settings it runs with. */
    public record Request(Module module, ModuleSettings settings) {}

    private record Use(Request request, ObjectUse use) {}

    public LoadedModules load(List<Request> requests) {
        Map<String, ModuleStatus> failures = new LinkedHashMap<>();
        Map<String, List<Use>> byObject = new LinkedHashMap<>();
        for (Request request : requests) {
            try {
                for (ObjectUse use : request.module().uses(request.settings())) {
                    byObject.computeIfAbsent(use.object(), o -> new ArrayList<>()).add(new Use(request, use));
                }
            } catch (RuntimeException e) {
                failures.put(name(request), ModuleStatus.unavailable(name(request), e.getMessage()));
            }
        }
        Map<String, Map<String, ProbeVariant>> chosen = chooseVariants(byObject, failures);

        List<AutoCloseable> resources = new ArrayList<>();
        Map<String, BpfObject> loaded = new LinkedHashMap<>();
        Map<String, BpfMap> sharedMaps = new LinkedHashMap<>();
        for (var entry : byObject.entrySet()) {
            List<Use> users = alive(entry.getValue(), failures);
            if (users.isEmpty()) {
                continue;
            }
            try {
                BpfObject object = open(entry.getKey(), users, chosen.get(entry.getKey()), sharedMaps);
                resources.add(object);
                object.load();
                loaded.put(entry.getKey(), object);
                remember(object, users, sharedMaps);
            } catch (BpfException | RuntimeException e) {
                String reason = "BPF object " + entry.getKey() + " failed to load: " + describe(e);
                users.forEach(u -> failures.putIfAbsent(name(u.request()), ModuleStatus.unavailable(name(u.request()), reason)));
            }
        }
        List<AttachedProgram> attached = attach(byObject, chosen, loaded, failures, resources);
        return start(requests, byObject, chosen, loaded, failures, resources, attached, sharedMaps);
    }

    private Map<String, Map<String, ProbeVariant>> chooseVariants(Map<String, List<Use>> byObject,
            Map<String, ModuleStatus> failures) {
        Map<String, Map<String, ProbeVariant>> chosen = new LinkedHashMap<>();
        byObject.forEach((object, users) -> {
            Map<String, ProbePoint> points = new LinkedHashMap<>();
            Map<String, Set<AttachKind>> allowed = new HashMap<>();
            for (Use u : users) {
                for (ProbePoint p : u.use().probePoints()) {
                    points.putIfAbsent(p.name(), p);
                    allowed.computeIfAbsent(p.name(), n -> EnumSet.noneOf(AttachKind.class))
                            .addAll(AttachPlan.allowed(u.request().settings().coreTracing()));
                }
            }
            Map<String, ProbeVariant> variants = new LinkedHashMap<>();
            points.forEach((name, point) -> {
                switch (plan.choose(point, allowed.get(name))) {
                    case AttachPlan.Choice.Chosen c -> variants.put(name, c.variant());
                    case AttachPlan.Choice.Refused r -> users.stream()
                            .filter(u -> u.use().probePoints().stream().anyMatch(p -> p.name().equals(name)))
                            .forEach(u -> failures.putIfAbsent(name(u.request()),
                                    ModuleStatus.unavailable(name(u.request()), r.reasons())));
                }
            });
            chosen.put(object, variants);
        });
        return chosen;
    }

    private BpfObject open(String name, List<Use> users, Map<String, ProbeVariant> chosen,
            Map<String, BpfMap> sharedMaps) throws BpfException {
        BpfObject object = BpfObject.open(name, objectBytes.apply(name));
        try {
            Set<String> programs = new LinkedHashSet<>();
            Map<String, Integer> mapSizes = new HashMap<>();
            for (Use u : users) {
                u.use().probePoints().forEach(p -> programs.add(chosen.get(p.name()).program()));
                u.use().globals().forEach(object::setGlobal);
                u.use().maps().forEach((m, size) -> mapSizes.merge(m, size, Math::max));
            }
            for (BpfProgram program : object.programs()) {
                program.setAutoload(programs.contains(program.name()));
            }
            for (BpfMap map : object.maps()) {
                if (map.name().contains(".")) {
                    continue; // .rodata/.bss/.data: libbpf's own
                }
                Integer size = mapSizes.get(map.name());
                BpfMap shared = sharedMaps.get(map.name());
                if (size == null) {
                    map.setMaxEntries(1); // needed by pruned code only: keep it tiny
                    continue;
                }
                if (size > 0) {
                    map.setMaxEntries(size);
                }
                if (shared != null) {
                    map.reuseFdOf(shared);
                }
            }
            return object;
        } catch (BpfException | RuntimeException e) {
            object.close();
            throw e;
        }
    }

    private static void remember(BpfObject object, List<Use> users, Map<String, BpfMap> sharedMaps) {
        for (Use u : users) {
            for (String map : u.use().maps().keySet()) {
                object.map(map).ifPresent(m -> sharedMaps.putIfAbsent(map, m));
            }
        }
    }

    private List<AttachedProgram> attach(Map<String, List<Use>> byObject, Map<String, Map<String, ProbeVariant>> chosen,
            Map<String, BpfObject> loaded, Map<String, ModuleStatus> failures, List<AutoCloseable> resources) {
        List<AttachedProgram> attached = new ArrayList<>();
        loaded.forEach((objectName, object) -> {
            List<Use> users = alive(byObject.get(objectName), failures);
            Set<String> needed = new LinkedHashSet<>();
            users.forEach(u -> u.use().probePoints().forEach(p -> needed.add(p.name())));
            for (String point : needed) {
                String program = chosen.get(objectName).get(point).program();
                try {
                    BpfProgram bpfProgram = object.program(program).orElseThrow();
                    BpfLink link = bpfProgram.attach();
                    resources.add(link);
                    attached.add(new AttachedProgram(objectName, point, bpfProgram));
                } catch (BpfException | RuntimeException e) {
                    String reason = "cannot attach " + program + " (" + point + "): " + describe(e);
                    users.stream().filter(u -> u.use().probePoints().stream().anyMatch(p -> p.name().equals(point)))
                            .forEach(u -> failures.putIfAbsent(name(u.request()),
                                    ModuleStatus.unavailable(name(u.request()), reason)));
                }
            }
        });
        return attached;
    }

    private LoadedModules start(List<Request> requests, Map<String, List<Use>> byObject,
            Map<String, Map<String, ProbeVariant>> chosen, Map<String, BpfObject> loaded,
            Map<String, ModuleStatus> failures, List<AutoCloseable> resources, List<AttachedProgram> attached,
            Map<String, BpfMap> maps) {
        List<LoadedModules.Running> running = new ArrayList<>();
        List<ModuleStatus> statuses = new ArrayList<>();
        LoadedObjects objects = new LoadedObjects(Map.copyOf(loaded));
        for (Request request : requests) {
            String name = name(request);
            ModuleStatus failure = failures.get(name);
            if (failure == null) {
                try {
                    Collector collector = request.module().collector(objects, request.settings());
                    ModuleStatus status = ModuleStatus.running(name, how(request, byObject, chosen));
                    running.add(new LoadedModules.Running(request, collector, status));
                    statuses.add(status);
                    continue;
                } catch (RuntimeException e) {
                    failure = ModuleStatus.unavailable(name, "collector failed to start: " + describe(e));
                }
            }
            statuses.add(failure);
        }
        // a module that failed after attach (collector start) leaves its links in place until close:
        // they still run, so they still count as attached
        return new LoadedModules(running, statuses, resources, objects, attached, maps);
    }

    private static String how(Request request, Map<String, List<Use>> byObject,
            Map<String, Map<String, ProbeVariant>> chosen) {
        Map<AttachKind, Set<String>> byKind = new LinkedHashMap<>();
        byObject.forEach((object, users) -> users.stream()
                .filter(u -> u.request() == request)
                .forEach(u -> u.use().probePoints().forEach(p -> {
                    ProbeVariant v = chosen.get(object).get(p.name());
                    long sharers = users.stream().filter(o -> o.use().probePoints().stream()
                            .anyMatch(q -> q.name().equals(p.name()))).map(Use::request).distinct().count();
                    byKind.computeIfAbsent(v.kind(), k -> new LinkedHashSet<>())
                            .add(p.name() + (sharers > 1 ? " (shared)" : ""));
                })));
        List<String> parts = new ArrayList<>();
        byKind.forEach((kind, points) -> parts.add(kind.family() + " " + kind.label() + ": " + String.join(", ", points)));
        return String.join("; ", parts);
    }

    private static List<Use> alive(List<Use> users, Map<String, ModuleStatus> failures) {
        return users.stream().filter(u -> !failures.containsKey(name(u.request()))).toList();
    }

    private static String name(Request request) {
        return request.module().name();
    }

    private static String describe(Exception e) {
        if (e instanceof BpfException b) {
            return b.getMessage() + b.log().map(ModuleLoader::lastLines).orElse("");
        }
        return String.valueOf(e.getMessage());
    }

    /** The end of a verifier log says why; the whole log goes to the debug log. */
    private static String lastLines(String log) {
        LOG.log(System.Logger.Level.DEBUG, log);
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        return "\n    " + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
    }
}
