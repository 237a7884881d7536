package dev.ebpfmon.cli;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.config.ConfigDirs;
import dev.ebpfmon.config.ConfigLoader;
import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.EbpfConfig;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.AttachProbe;
import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.kernel.KernelInspector;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleStatus;
import dev.ebpfmon.module.loader.EmbeddedObjects;
import dev.ebpfmon.module.loader.ModuleLoader;
import dev.ebpfmon.module.self.TickTimer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * What every way of running shares: configuration, kernel facts, attach probing, and the module
 * set that runs now, with the status of each of Netdata's modules (running, unavailable and why,
 * or off). Modules can be switched on and off at run time, and a module whose collector keeps
 * failing is switched off: the new set is built completely while the old one keeps running, then
 * swapped in, then the old one closed; if the new set cannot be built the old one stays and the
 * caller gets the reason. Holding the session's monitor keeps the current set from being closed
 * (the tick loop does so while it collects); building never holds it.
 */
final class Session implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ebpfmon");

    /** Rows of the per-application charts: apps_groups.conf groups, or one per process (`top --by process`). */
    enum GroupMode { APPS_GROUPS, PER_PROCESS }

    /** How a module set is built from the modules to load and the statuses of the others. */
    @FunctionalInterface
    interface SetBuilder {
        ModuleSet build(Session session, List<ModuleLoader.Request> requests, List<ModuleStatus> others);
    }

    /** The agent's builder: load, then the group and self collectors over what loaded. */
    static final SetBuilder LOAD = (session, requests, others) -> ModuleSet.build(
            new ModuleLoader(session.attachSupport, session.kernel.symbols(), EmbeddedObjects::bytes), requests, others,
            new ModuleSet.Grouping(session.appsGroups, session.options.groupMode() == GroupMode.PER_PROCESS),
            session.tickTimer, session.config.global().updateEvery(), session.options.bpfStats());

    /**
     * How a command wants its session.
     *
     * @param bpfStats switch the kernel's BPF run-time statistics on for the self charts of program
     *                 run time (they cost every BPF program on the machine two clock reads per run)
     */
    record Options(GroupMode groupMode, boolean bpfStats, SetBuilder builder) {
        static final Options DEFAULT = new Options(GroupMode.APPS_GROUPS, false, LOAD);

        Options withGroupMode(GroupMode mode) {
            return new Options(mode, bpfStats, builder);
        }

        Options withBpfStats(boolean on) {
            return new Options(groupMode, on, builder);
        }

        Options withBuilder(SetBuilder other) {
            return new Options(groupMode, bpfStats, other);
        }
    }

    final EbpfConfig config;
    final AppsGroups appsGroups;
    final KernelInspector kernel;
    final Map<AttachKind, AttachSupport> attachSupport;
    private final UnaryOperator<ModuleSettings> adjust;
    private final Options options;
    private final Map<String, Boolean> switched = new ConcurrentHashMap<>();
    /** Modules switched off because their collector kept failing, with why. */
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final Set<String> reportedProblems = ConcurrentHashMap.newKeySet();
    private final Object building = new Object();
    /** Collection tick durations, for the self charts; kept across reloads. */
    final TickTimer tickTimer = new TickTimer();
    private ModuleSet current;

    private Session(EbpfConfig config, AppsGroups appsGroups, KernelInspector kernel,
            Map<AttachKind, AttachSupport> attachSupport, UnaryOperator<ModuleSettings> adjust, Options options) {
        this.options = options;
        this.config = config;
        this.appsGroups = appsGroups;
        this.kernel = kernel;
        this.attachSupport = attachSupport;
        this.adjust = adjust;
    }

    static EbpfConfig loadConfig(Optional<Path> configDir) {
        return ConfigLoader.load(ConfigDirs.resolve(configDir, System.getenv()), ModuleCatalog.configDefaults());
    }

    /**
     * Loads every enabled module.
     *
     * @param adjust lets a command change a module's settings (e.g. Netdata's update_every)
     */
    static Session open(Optional<Path> configDir, KernelInspector kernel, UnaryOperator<ModuleSettings> adjust) {
        return open(configDir, kernel, adjust, Options.DEFAULT);
    }

    static Session open(Optional<Path> configDir, KernelInspector kernel, UnaryOperator<ModuleSettings> adjust,
            Options options) {
        EbpfConfig config = loadConfig(configDir);
        AppsGroups appsGroups = AppsGroups.load(ConfigDirs.resolve(configDir, System.getenv()));
        Map<AttachKind, AttachSupport> support =
                new AttachProbe(() -> EmbeddedObjects.bytes("feature_probe")).all();
        Session session = new Session(config, appsGroups, kernel, support, adjust, options);
        session.report(config.problems());
        session.report(appsGroups.problems());
        session.current = session.build();
        return session;
    }

    /** Logs each configuration problem once, however often modules are reloaded. */
    private void report(List<ConfigProblem> problems) {
        for (ConfigProblem problem : problems) {
            if (reportedProblems.add(problem.toString())) {
                LOG.log(problem.severity() == ConfigProblem.Severity.ERROR ? System.Logger.Level.ERROR
                        : System.Logger.Level.WARNING, problem.toString());
            }
        }
    }

    /** The settings a module runs with: the config's, the command's adjustments, run-time switches. */
    ModuleSettings settings(String module) {
        ModuleSettings s = adjust.apply(config.module(module));
        Boolean on = switched.get(module);
        return on == null ? s : s.withEnabled(on);
    }

    private ModuleSet build() {
        List<ModuleLoader.Request> requests = new ArrayList<>();
        List<ModuleStatus> others = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (String name : ModuleCatalog.names()) {
            ModuleSettings settings = settings(name);
            if (failed.containsKey(name)) {
                others.add(ModuleStatus.unavailable(name, failed.get(name)));
            } else if (!settings.enabled()) {
                others.add(ModuleStatus.disabled(name, switched.containsKey(name)
                        ? "switched off at run time" : "switched off in [ebpf programs]"));
            } else {
                ModuleCatalog.find(name).ifPresentOrElse(
                        m -> requests.add(new ModuleLoader.Request(m,
                                new ModuleContext(settings, config.moduleFile(name), 0, problems, kernel.symbols()))),
                        () -> others.add(ModuleStatus.unavailable(name, "not implemented in this version of ebpfmon")));
            }
        }
        ModuleSet set = options.builder().build(this, requests, others);
        report(problems);
        List<String> order = ModuleCatalog.names();
        List<ModuleStatus> sorted = new ArrayList<>(set.statuses());
        sorted.sort(Comparator.comparingInt(s -> order.indexOf(s.module())));
        return new ModuleSet(set.modules(), List.copyOf(sorted), set.groups(), set.groupsEvery(), set.self());
    }

    /** The module set running now; callers that read its maps hold the session's monitor meanwhile. */
    synchronized ModuleSet current() {
        return current;
    }

    List<ModuleStatus> statuses() {
        return current().statuses();
    }

    /**
     * Switches a module on or off: a new module set is built while the current one runs on, then
     * swapped in. If the new set cannot be built, the current one stays and the returned status
     * says why.
     */
    ModuleStatus setEnabled(String module, boolean enabled) {
        if (!ModuleCatalog.names().contains(module)) {
            throw new IllegalArgumentException("unknown module '" + module + "'");
        }
        synchronized (building) {
            Boolean before = switched.put(module, enabled);
            if (enabled) {
                failed.remove(module);
            }
            try {
                swap(build());
            } catch (RuntimeException | Error e) {
                if (before == null) {
                    switched.remove(module);
                } else {
                    switched.put(module, before);
                }
                String reason = "the module set could not be rebuilt, the previous one keeps running: " + e;
                LOG.log(System.Logger.Level.ERROR, reason);
                return ModuleStatus.unavailable(module, reason);
            }
            logStatuses();
            return statuses().stream().filter(s -> s.module().equals(module)).findFirst().orElseThrow();
        }
    }

    /**
     * Takes a module whose collector keeps failing out of the running set (its programs detach
     * with the old set); it stays unavailable, with {@code reason}, until switched on again.
     */
    void detachFailed(String module, String reason) {
        synchronized (building) {
            failed.put(module, reason);
            try {
                swap(build());
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "could not detach " + module + ": " + e);
            }
        }
    }

    private void swap(ModuleSet next) {
        ModuleSet old;
        synchronized (this) {
            old = current;
            current = next;
        }
        if (old != null) {
            old.close();
        }
    }

    /** How each enabled module runs, or why not, for the log of a long-running command. */
    void logStatuses() {
        Set<String> lines = new LinkedHashSet<>();
        for (ModuleStatus s : statuses()) {
            switch (s.state()) {
                case RUNNING -> LOG.log(System.Logger.Level.INFO, "module {0} runs: {1}", s.module(), describe(s));
                case UNAVAILABLE -> lines.add(s.module() + " cannot run: " + s.reason());
                case DISABLED -> { }
            }
        }
        lines.forEach(l -> LOG.log(System.Logger.Level.WARNING, "module " + l));
    }

    /** A running module's attach description with its load mode and interval. */
    String describe(ModuleStatus s) {
        ModuleSettings settings = settings(s.module());
        return s.how() + "; " + settings.loadMode().configWord() + " mode, every " + settings.updateEvery() + " s";
    }

    @Override
    public void close() {
        synchronized (building) {
            swap(null);
        }
    }
}
