package dev.ebpfmon.config;

/**
 * ebpfmon's built-in settings, used when no configuration file exists. They deliberately differ
 * from Netdata's stock file in its 1-second interval, because ebpfmon charts per-second rates;
 * which modules run by default each module says itself ({@link ModuleDefaults}). The shipped files
 * under {@code resources/config} must say exactly the same; a test holds them together.
 */
final class Defaults {
    private Defaults() {}

    static final ModuleSettings GLOBAL = new ModuleSettings(
            "global", false, LoadMode.ENTRY, 1, 32768, false, false,
            TypeFormat.AUTO, CoreTracing.TRAMPOLINE, 300);

    static final boolean NETWORK_CONNECTIONS = false;

    /** Upper bound for {@code pid table size}: the kernel's PID_MAX_LIMIT on 64-bit. */
    static final int MAX_PID_TABLE_SIZE = 4_194_304;
}
