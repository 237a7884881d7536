package dev.ebpfmon.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Directories searched for configuration, most important first. Each file is looked up on its own:
 * a user copy of vfs.conf wins over the stock one even when ebpf.d.conf comes from the stock
 * directory, which is how Netdata layers {@code /etc/netdata} over its shipped files.
 *
 * @param problems trouble found while resolving (e.g. a missing {@code --config-dir})
 */
public record ConfigDirs(List<Path> directories, List<ConfigProblem> problems) {

    /**
     * ebpfmon's own directory, set by the package's launcher and systemd unit to /etc/ebpfmon:
     * a packaged agent reads its files there, never Netdata's, which only the plugin (started by
     * Netdata, with Netdata's environment) reads.
     */
    public static final String OWN_ENV = "EBPFMON_CONFIG_DIR";
    static final String USER_ENV = "NETDATA_USER_CONFIG_DIR";
    static final String STOCK_ENV = "NETDATA_STOCK_CONFIG_DIR";
    static final Path USER_DEFAULT = Path.of("/etc/netdata");
    static final Path STOCK_DEFAULT = Path.of("/usr/lib/netdata/conf.d");

    public ConfigDirs {
        directories = List.copyOf(directories);
        problems = List.copyOf(problems);
    }

    /** Resolves against the real process environment. */
    public static ConfigDirs resolve(Optional<Path> configDir) {
        return resolve(configDir, System.getenv());
    }

    /**
     * An explicit directory ({@code --config-dir}, else {@value #OWN_ENV}) replaces Netdata's pair
     * entirely, so users can test a configuration without the installed one leaking in. When it
     * does not exist the result searches nowhere (built-in defaults) and carries an ERROR problem.
     */
    public static ConfigDirs resolve(Optional<Path> configDir, Map<String, String> env) {
        if (configDir.isPresent()) {
            return explicit(configDir.get(), "--config-dir");
        }
        String own = env.get(OWN_ENV);
        if (own != null && !own.isBlank()) {
            return explicit(Path.of(own.strip()), OWN_ENV);
        }
        Path user = fromEnv(env, USER_ENV, USER_DEFAULT);
        Path stock = fromEnv(env, STOCK_ENV, STOCK_DEFAULT);
        List<Path> dirs = user.equals(stock) ? List.of(user) : List.of(user, stock);
        return new ConfigDirs(dirs, List.of());
    }

    private static ConfigDirs explicit(Path dir, String source) {
        if (!Files.isDirectory(dir)) {
            String why = Files.exists(dir) ? "is not a directory" : "does not exist";
            return new ConfigDirs(List.of(), List.of(ConfigProblem.error(dir, 0, null,
                    source + " " + why + "; using built-in defaults")));
        }
        return new ConfigDirs(List.of(dir), List.of());
    }

    /** The first directory's copy of {@code relative}, if any directory has one. */
    public Optional<Path> find(String relative) {
        for (Path dir : directories) {
            Path candidate = dir.resolve(relative);
            // exists(), not isRegularFile(): an unreadable entry should be reported, not skipped
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path fromEnv(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : Path.of(v.strip());
    }
}
