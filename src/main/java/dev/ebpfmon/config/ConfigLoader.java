package dev.ebpfmon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the effective {@link EbpfConfig} from ebpf.d.conf and ebpf.d/*.conf. Bad content never
 * throws: each problem is recorded and the affected setting keeps its default or inherited value.
 */
public final class ConfigLoader {

    static final String MAIN_FILE = "ebpf.d.conf";
    static final String MODULE_DIR = "ebpf.d";

    private final ConfigDirs dirs;
    private final ModuleDefaults defaults;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<Path> sources = new ArrayList<>();

    private ConfigLoader(ConfigDirs dirs, ModuleDefaults defaults) {
        this.dirs = dirs;
        this.defaults = defaults;
        problems.addAll(dirs.problems());
    }

    /** @param defaults each module's built-in on/off and file names, as the modules declare them */
    public static EbpfConfig load(ConfigDirs dirs, ModuleDefaults defaults) {
        return new ConfigLoader(dirs, defaults).load();
    }

    private EbpfConfig load() {
        Optional<IniFile> main = read(MAIN_FILE);
        ModuleSettings global = Defaults.GLOBAL;
        Map<String, Boolean> enabled = new HashMap<>();
        NetdataModules.NAMES.forEach(m -> enabled.put(m, defaults.of(m).enabled()));
        boolean networkConnections = Defaults.NETWORK_CONNECTIONS;

        if (main.isPresent()) {
            IniFile ini = main.get();
            checkMainSections(ini);
            global = readGlobal(ini, global);
            networkConnections = readPrograms(ini, enabled, networkConnections);
        }

        Map<String, ModuleSettings> modules = new LinkedHashMap<>();
        Map<String, IniFile> moduleFiles = new LinkedHashMap<>();
        for (String name : NetdataModules.NAMES) {
            ModuleSettings inherited = global.as(name, enabled.get(name));
            Optional<IniFile> file = readModuleFile(name);
            file.ifPresent(f -> moduleFiles.put(name, f));
            modules.put(name, file.map(f -> readGlobal(f, inherited)).orElse(inherited));
        }
        return new EbpfConfig(global, modules, moduleFiles, problems, sources, networkConnections);
    }

    private Optional<IniFile> readModuleFile(String module) {
        for (String fileName : defaults.of(module).fileNames()) {
            Optional<IniFile> ini = read(MODULE_DIR + "/" + fileName);
            if (ini.isPresent()) {
                return ini;
            }
        }
        return Optional.empty();
    }

    private Optional<IniFile> read(String relative) {
        return dirs.find(relative).map(path -> {
            sources.add(path);
            return IniFile.parse(path, problems);
        });
    }

    /**
     * Reads a {@code [global]} section on top of {@code base}: every absent key keeps the base
     * value, which is how a module file overrides only what it mentions.
     */
    private ModuleSettings readGlobal(IniFile ini, ModuleSettings base) {
        String section = GlobalKeys.SECTION;
        for (IniFile.Entry e : ini.entries(section)) {
            String key = IniFile.normalise(e.key());
            if (!GlobalKeys.USED.contains(key) && !GlobalKeys.TOLERATED.contains(key)) {
                problems.add(ConfigProblem.warning(ini.file(), e.line(), e.key(),
                        "unknown key in [" + e.section() + "]; ignored"));
            }
        }
        SettingReader r = new SettingReader(ini, section, problems);
        String loadKey = r.entry(GlobalKeys.LOAD_MODE).isPresent() || r.entry(GlobalKeys.LOAD_MODE_OLD).isEmpty()
                ? GlobalKeys.LOAD_MODE : GlobalKeys.LOAD_MODE_OLD;
        return new ModuleSettings(
                base.module(),
                base.enabled(),
                r.choice(loadKey, LoadMode.values(), LoadMode::configWord, base.loadMode()),
                r.integer(GlobalKeys.UPDATE_EVERY, 1, Integer.MAX_VALUE, base.updateEvery(),
                        "a whole number of seconds >= 1"),
                r.integer(GlobalKeys.PID_TABLE_SIZE, 1, Defaults.MAX_PID_TABLE_SIZE, base.pidTableSize(),
                        "a whole number between 1 and " + Defaults.MAX_PID_TABLE_SIZE),
                r.bool(GlobalKeys.APPS, base.apps()),
                r.bool(GlobalKeys.CGROUPS, base.cgroups()),
                r.choice(GlobalKeys.TYPE_FORMAT, TypeFormat.values(), TypeFormat::configWord, base.typeFormat()),
                r.choice(GlobalKeys.CORE_TRACING, CoreTracing.values(), CoreTracing::configWord, base.coreTracing()),
                r.integer(GlobalKeys.LIFETIME, 1, Integer.MAX_VALUE, base.lifetimeSeconds(),
                        "a whole number of seconds >= 1"));
    }

    /** Fills {@code enabled} from {@code [ebpf programs]}; returns the network-connections switch. */
    private boolean readPrograms(IniFile ini, Map<String, Boolean> enabled, boolean networkConnections) {
        SettingReader r = new SettingReader(ini, GlobalKeys.PROGRAMS_SECTION, problems);
        boolean network = networkConnections;
        for (IniFile.Entry e : ini.entries(GlobalKeys.PROGRAMS_SECTION)) {
            String name = IniFile.normalise(e.key());
            if (NetdataModules.isModule(name)) {
                enabled.put(name, r.bool(e, enabled.get(name)));
            } else if (name.equals(NetdataModules.NETWORK_CONNECTIONS)) {
                network = r.bool(e, network);
            } else if (NetdataModules.UNSUPPORTED.contains(name)) {
                if (r.bool(e, false)) {
                    problems.add(ConfigProblem.warning(ini.file(), e.line(), e.key(),
                            "Netdata module not implemented by ebpfmon; ignored"));
                }
            } else {
                problems.add(ConfigProblem.warning(ini.file(), e.line(), e.key(),
                        "unknown module; known modules are " + String.join(", ", NetdataModules.NAMES)
                                + " (and '" + NetdataModules.NETWORK_CONNECTIONS + "')"));
            }
        }
        return network;
    }

    private void checkMainSections(IniFile ini) {
        for (String section : ini.sections()) {
            if (!section.equals(GlobalKeys.SECTION) && !section.equals(GlobalKeys.PROGRAMS_SECTION)
                    && !GlobalKeys.TOLERATED_MAIN_SECTIONS.contains(section)) {
                problems.add(ConfigProblem.warning(ini.file(), ini.sectionLine(section), null,
                        "unknown section [" + section + "]; ignored"));
            }
        }
    }
}
