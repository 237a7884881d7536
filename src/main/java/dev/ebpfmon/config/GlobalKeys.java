package dev.ebpfmon.config;

import java.util.Set;

/** Key names of a {@code [global]} section, shared by ebpf.d.conf and every module file. */
final class GlobalKeys {
    private GlobalKeys() {}

    static final String SECTION = "global";
    static final String PROGRAMS_SECTION = "ebpf programs";

    static final String LOAD_MODE = "ebpf load mode";
    /** Older spelling of {@link #LOAD_MODE}, still honoured by Netdata. */
    static final String LOAD_MODE_OLD = "load";
    static final String UPDATE_EVERY = "update every";
    static final String PID_TABLE_SIZE = "pid table size";
    static final String APPS = "apps";
    static final String CGROUPS = "cgroups";
    static final String TYPE_FORMAT = "ebpf type format";
    static final String CORE_TRACING = "ebpf co-re tracing";
    static final String LIFETIME = "lifetime";

    static final Set<String> USED = Set.of(LOAD_MODE, LOAD_MODE_OLD, UPDATE_EVERY, PID_TABLE_SIZE,
            APPS, CGROUPS, TYPE_FORMAT, CORE_TRACING, LIFETIME);

    /**
     * Keys Netdata understands but ebpfmon has no use for (or that modules read themselves).
     * Accepted silently so a Netdata configuration can be used unchanged.
     */
    static final Set<String> TOLERATED = Set.of(
            "btf path", "maps per core", "collect pid", "ebpf object flavor", "disable apps",
            "bandwidth table size", "socket monitoring table size", "udp connection table size",
            "ipv4 connection table size", "ipv6 connection table size", "flow ttl",
            "per query tracking");

    /** Sections of ebpf.d.conf besides global and programs that Netdata defines. */
    static final Set<String> TOLERATED_MAIN_SECTIONS = Set.of("ipc");
}
