package dev.ebpfmon.config;

import java.util.List;
import java.util.Set;

/**
 * Netdata's sixteen eBPF module names (its thread names, also the keys of {@code [ebpf programs]}
 * and the names under {@code ebpf.d/}), in Netdata's thread order. Data, so that a configuration
 * can be validated before ebpfmon implements a module: everything else about a module is said by
 * the module itself.
 */
public final class NetdataModules {
    private NetdataModules() {}

    public static final List<String> NAMES = List.of(
            "process", "socket", "cachestat", "sync", "dcstat", "swap", "vfs", "filesystem",
            "disk", "mount", "fd", "hardirq", "softirq", "oomkill", "shm", "mdflush");

    /** The switch for the socket module's connection viewer; not a module of its own. */
    static final String NETWORK_CONNECTIONS = "network connections";

    /** Netdata modules ebpfmon does not implement; listing them is fine, enabling them is not. */
    static final Set<String> UNSUPPORTED = Set.of("dns");

    static boolean isModule(String name) {
        return NAMES.contains(name);
    }
}
