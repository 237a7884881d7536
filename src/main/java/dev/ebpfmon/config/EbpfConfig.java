package dev.ebpfmon.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration. {@code modules} holds one entry per Netdata module name (all of
 * them, enabled or not) in Netdata's order. Module-specific sections such as sync.conf's
 * {@code [syscalls]} are not interpreted here; modules read them from {@link #moduleFile}.
 *
 * @param moduleFiles        parsed {@code ebpf.d/<module>.conf} files that were found
 * @param problems           everything that was wrong, in the order it was found
 * @param sources            files actually read, in reading order; empty means built-in defaults
 * @param networkConnections {@code [ebpf programs] network connections}: whether the socket
 *                           module also runs its per-connection viewer
 */
public record EbpfConfig(
        ModuleSettings global,
        Map<String, ModuleSettings> modules,
        Map<String, IniFile> moduleFiles,
        List<ConfigProblem> problems,
        List<Path> sources,
        boolean networkConnections) {

    public EbpfConfig {
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
        moduleFiles = Collections.unmodifiableMap(new LinkedHashMap<>(moduleFiles));
        problems = List.copyOf(problems);
        sources = List.copyOf(sources);
    }

    /**
     * @throws IllegalArgumentException for a name that is not a Netdata module, which is a
     *                                  programming error rather than a configuration one
     */
    public ModuleSettings module(String name) {
        ModuleSettings m = modules.get(IniFile.normalise(name));
        if (m == null) {
            throw new IllegalArgumentException("unknown module '" + name + "'; known: " + modules.keySet());
        }
        return m;
    }

    public Optional<IniFile> moduleFile(String name) {
        return Optional.ofNullable(moduleFiles.get(IniFile.normalise(name)));
    }

    /** Names of enabled modules, in Netdata's order. */
    public List<String> enabledModules() {
        return modules.values().stream().filter(ModuleSettings::enabled).map(ModuleSettings::module).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
    }
}
