package dev.ebpfmon.module;

/**
 * Keys of charts made at run time, as Netdata's chart tables write them: a module's chart
 * catalog ({@link Module#charts}) builds a keyed chart once with the placeholder for its key
 * ({@code disk_latency_io.<disk>}), and the group charts stand for every application, cgroup and
 * service with these. They are valid chart ids and dimension ids, and no real key looks like them.
 */
public final class Placeholders {
    private Placeholders() {}

    /** One dimension per application group on an {@code apps.*} chart. */
    public static final String APP = "<app>";
    /** The cgroup of a {@code cgroup_<name>.*} chart. */
    public static final String CGROUP = "<name>";
    /** One dimension per systemd service on a {@code services.*} chart. */
    public static final String SERVICE = "<service>";

    /** The placeholder for a key of a module's own ({@code <disk>}, {@code <irq>}). */
    public static String of(String what) {
        return "<" + what + ">";
    }
}
