package dev.ebpfmon.config;

import java.util.List;
import java.util.Set;

/** Netdata's module names as they appear in {@code [ebpf programs]} and under {@code ebpf.d/}. */
final class KnownModules {
    private KnownModules() {}

    static final List<String> NAMES = List.of(
            "cachestat", "dcstat", "disk", "fd", "filesystem", "hardirq", "mdflush", "mount",
            "oomkill", "process", "shm", "socket", "softirq", "sync", "swap", "vfs");

    /** The switch for the socket module's connection viewer; not a module of its own. */
    static final String NETWORK_CONNECTIONS = "network connections";

    /** Netdata modules ebpfmon does not implement; listing them is fine, enabling them is not. */
    static final Set<String> UNSUPPORTED = Set.of("dns");

    static boolean isModule(String name) {
        return NAMES.contains(name);
    }

    /**
     * Candidate file names under {@code ebpf.d/}, best first. Netdata read the socket module's
     * settings from network.conf for years before renaming it socket.conf; both are honoured.
     */
    static List<String> fileNames(String module) {
        return module.equals("socket")
                ? List.of("network.conf", "socket.conf")
                : List.of(module + ".conf");
    }
}
