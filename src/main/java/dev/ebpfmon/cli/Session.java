package dev.ebpfmon.cli;

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
import dev.ebpfmon.module.ModuleLoader;
import dev.ebpfmon.module.ModuleStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What every way of running shares: configuration, kernel facts, attach probing and the loaded
 * modules, plus the status of each of Netdata's modules (running, unavailable and why, or off).
 * Closing it detaches everything; a shutdown hook closes it on SIGTERM and Ctrl-C.
 */
final class Session implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ebpfmon");

    final EbpfConfig config;
    final KernelInspector kernel;
    final Map<AttachKind, AttachSupport> attachSupport;
    final LoadedModules loaded;
    final List<ModuleStatus> statuses;

    private Session(EbpfConfig config, KernelInspector kernel, Map<AttachKind, AttachSupport> attachSupport,
            LoadedModules loaded, List<ModuleStatus> statuses) {
        this.config = config;
        this.kernel = kernel;
        this.attachSupport = attachSupport;
        this.loaded = loaded;
        this.statuses = statuses;
    }

    static EbpfConfig loadConfig(Optional<Path> configDir) {
        EbpfConfig config = ConfigLoader.load(ConfigDirs.resolve(configDir, System.getenv()));
        for (ConfigProblem problem : config.problems()) {
            LOG.log(problem.severity() == ConfigProblem.Severity.ERROR ? System.Logger.Level.ERROR
                    : System.Logger.Level.WARNING, problem.toString());
        }
        return config;
    }

    /**
     * Loads every enabled module.
     *
     * @param adjust lets a command change a module's settings (e.g. Netdata's update_every)
     */
    static Session open(EbpfConfig config, KernelInspector kernel, UnaryOperator<ModuleSettings> adjust) {
        
        Map<AttachKind, AttachSupport> support =
                new AttachProbe(() -> EmbeddedObjects.bytes("feature_probe")).all();
        List<ModuleLoader.Request> requests = new ArrayList<>();
        List<ModuleStatus> statuses = new ArrayList<>();
        for (String name : ModuleCatalog.NETDATA_MODULES) {
            ModuleSettings settings = adjust.apply(config.module(name));
            if (!settings.enabled()) {
                statuses.add(ModuleStatus.disabled(name, "switched off in [ebpf programs]"));
            } else {
                ModuleCatalog.find(name).ifPresentOrElse(
                        m -> requests.add(new ModuleLoader.Request(m, settings)),
                        () -> statuses.add(ModuleStatus.unavailable(name, "not implemented in this version of ebpfmon")));
            }
        }
        LoadedModules loaded = new ModuleLoader(support, EmbeddedObjects::bytes).load(requests);
        Runtime.getRuntime().addShutdownHook(new Thread(loaded::close, "ebpfmon-detach"));
        List<ModuleStatus> all = new ArrayList<>(loaded.statuses());
        all.addAll(statuses);
        all.sort(java.util.Comparator.comparingInt(s -> ModuleCatalog.NETDATA_MODULES.indexOf(s.module())));
        return new Session(config, kernel, support, loaded, List.copyOf(all));
    }

    /** How each enabled module runs, or why not, for the log of a long-running command. */
    void logStatuses() {
        for (ModuleStatus s : statuses) {
            switch (s.state()) {
                case RUNNING -> LOG.log(System.Logger.Level.INFO, "module {0} runs: {1}", s.module(), describe(s));
                case UNAVAILABLE -> LOG.log(System.Logger.Level.WARNING, "module {0} cannot run: {1}", s.module(), s.reason());
                case DISABLED -> { }
            }
        }
    }

    /** A running module's attach description with its load mode and interval. */
    String describe(ModuleStatus s) {
        ModuleSettings settings = config.module(s.module());
        return s.how() + "; " + settings.loadMode().configWord() + " mode, every " + settings.updateEvery() + " s";
    }

    @Override
    public void close() {
        loaded.close();
    }
}
