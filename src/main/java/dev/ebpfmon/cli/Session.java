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
import dev.ebpfmon.module.EmbeddedObjects;
import dev.ebpfmon.module.LoadedModules;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.ModuleLoader;
import dev.ebpfmon.module.ModuleStatus;
import dev.ebpfmon.module.self.SelfCollector;
import dev.ebpfmon.module.self.TickTimer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * What every way of running shares: configuration, kernel facts, attach probing and the loaded
 * modules, plus the status of each of Netdata's modules (running, unavailable and why, or off).
 * Modules can be switched on and off at run time: the set is then loaded anew, so that nothing of
 * a switched-off module stays attached. Closing it detaches everything; a shutdown hook closes it
 * on SIGTERM and Ctrl-C.
 */
final class Session implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ebpfmon");

    /** Rows of the per-application charts: apps_groups.conf groups, or one per process (`top --by process`). */
    enum GroupMode { APPS_GROUPS, PER_PROCESS }

    /** The modules loaded now and the status of every module. */
    record Loaded(LoadedModules modules, List<ModuleStatus> statuses, GroupCharts groups, SelfCollector self) {}

    final EbpfConfig config;
    final AppsGroups appsGroups;
    final KernelInspector kernel;
    final Map<AttachKind, AttachSupport> attachSupport;
    private final UnaryOperator<ModuleSettings> adjust;
    private final GroupMode groupMode;
    private final Map<String, Boolean> switched = new ConcurrentHashMap<>();
    /** Collection tick durations, for the self charts; kept across reloads. */
    final TickTimer tickTimer = new TickTimer();
    private Loaded loaded;

    private Session(EbpfConfig config, AppsGroups appsGroups, KernelInspector kernel,
            Map<AttachKind, AttachSupport> attachSupport, UnaryOperator<ModuleSettings> adjust, GroupMode groupMode) {
        this.groupMode = groupMode;
        this.config = config;
        this.appsGroups = appsGroups;
        this.kernel = kernel;
        this.attachSupport = attachSupport;
        this.adjust = adjust;
    }

    static EbpfConfig loadConfig(Optional<Path> configDir) {
        EbpfConfig config = ConfigLoader.load(ConfigDirs.resolve(configDir, System.getenv()));
        report(config.problems());
        return config;
    }

    private static void report(List<ConfigProblem> problems) {
        for (ConfigProblem problem : problems) {
            LOG.log(problem.severity() == ConfigProblem.Severity.ERROR ? System.Logger.Level.ERROR
                    : System.Logger.Level.WARNING, problem.toString());
        }
    }

    /**
     * Loads every enabled module.
     *
     * @param adjust lets a command change a module's settings (e.g. Netdata's update_every)
     */
    static Session open(Optional<Path> configDir, KernelInspector kernel, UnaryOperator<ModuleSettings> adjust) {
        return open(configDir, kernel, adjust, GroupMode.APPS_GROUPS);
    }

    static Session open(Optional<Path> configDir, KernelInspector kernel, UnaryOperator<ModuleSettings> adjust,
            GroupMode groupMode) {
        EbpfConfig config = loadConfig(configDir);
        AppsGroups appsGroups = AppsGroups.load(ConfigDirs.resolve(configDir, System.getenv()));
        report(appsGroups.problems());
        Map<AttachKind, AttachSupport> support =
                new AttachProbe(() -> EmbeddedObjects.bytes("feature_probe")).all();
        Session session = new Session(config, appsGroups, kernel, support, adjust, groupMode);
        session.load();
        Runtime.getRuntime().addShutdownHook(new Thread(session::close, "ebpfmon-detach"));
        return session;
    }

    /** The settings a module runs with: the config's, the command's adjustments, run-time switches. */
    ModuleSettings settings(String module) {
        ModuleSettings s = adjust.apply(config.module(module));
        Boolean on = switched.get(module);
        if (on == null || on == s.enabled()) {
            return s;
        }
        return new ModuleSettings(s.module(), on, s.loadMode(), s.updateEvery(), s.pidTableSize(), s.apps(),
                s.cgroups(), s.typeFormat(), s.coreTracing(), s.lifetimeSeconds());
    }

    private void load() {
        List<ModuleLoader.Request> requests = new ArrayList<>();
        List<ModuleStatus> statuses = new ArrayList<>();
        for (String name : ModuleCatalog.NETDATA_MODULES) {
            ModuleSettings settings = settings(name);
            if (!settings.enabled()) {
                statuses.add(ModuleStatus.disabled(name, switched.containsKey(name)
                        ? "switched off at run time" : "switched off in [ebpf programs]"));
            } else {
                ModuleCatalog.find(name).ifPresentOrElse(
                        m -> requests.add(new ModuleLoader.Request(m, settings)),
                        () -> statuses.add(ModuleStatus.unavailable(name, "not implemented in this version of ebpfmon")));
            }
        }
        LoadedModules modules = new ModuleLoader(attachSupport, EmbeddedObjects::bytes).load(requests);
        statuses.addAll(modules.statuses());
        statuses.sort(Comparator.comparingInt(s -> ModuleCatalog.NETDATA_MODULES.indexOf(s.module())));
        loaded = new Loaded(modules, List.copyOf(statuses), GroupCharts.of(modules, appsGroups,
                groupMode == GroupMode.PER_PROCESS), SelfCollector.start(modules, tickTimer, config.global().updateEvery()));
    }

    /** The modules loaded now; callers that read their maps hold the session's lock meanwhile. */
    synchronized Loaded loaded() {
        return loaded;
    }

    List<ModuleStatus> statuses() {
        return loaded().statuses();
    }

    /** Switches a module on or off and loads the module set anew. */
    synchronized ModuleStatus setEnabled(String module, boolean enabled) {
        if (!ModuleCatalog.NETDATA_MODULES.contains(module)) {
            throw new IllegalArgumentException("unknown module '" + module + "'");
        }
        switched.put(module, enabled);
        closeLoaded();
        load();
        logStatuses();
        return loaded.statuses().stream().filter(s -> s.module().equals(module)).findFirst().orElseThrow();
    }

    /** How each enabled module runs, or why not, for the log of a long-running command. */
    void logStatuses() {
        for (ModuleStatus s : statuses()) {
            switch (s.state()) {
                case RUNNING -> LOG.log(System.Logger.Level.INFO, "module {0} runs: {1}", s.module(), describe(s));
                case UNAVAILABLE -> LOG.log(System.Logger.Level.WARNING, "module {0} cannot run: {1}", s.module(), s.reason());
                case DISABLED -> { }
            }
        }
    }

    /** A running module's attach description with its load mode and interval. */
    String describe(ModuleStatus s) {
        ModuleSettings settings = settings(s.module());
        return s.how() + "; " + settings.loadMode().configWord() + " mode, every " + settings.updateEvery() + " s";
    }

    private void closeLoaded() {
        if (loaded != null) {
            loaded.self().close();
            loaded.groups().close();
            loaded.modules().close();
        }
    }

    @Override
    public synchronized void close() {
        closeLoaded();
    }
}
