package dev.ebpfmon.module;

import java.util.Set;

/**
 * What the group charts need to know about processes, refreshed once per tick: whether one is
 * gone, which application group and which cgroup it belongs to. Implemented over /proc and the
 * kernel's pid_info by the apps layer.
 */
public interface ProcessView {
    /** A cgroup as charted: its display name and whether it is a systemd service. */
    record Cgroup(String name, boolean service) {}

    void refresh();

    /** True once the process has exited: its counters are read one last time, then dropped. */
    boolean gone(int tgid);

    /** The application group (Netdata's apps_groups.conf); names starting with '-' are not charted. */
    String app(int tgid);

    /** The process's cgroup, or null when unknown. */
    Cgroup cgroup(int tgid);

    /** Processes whose last counts were taken; their bookkeeping can go. */
    void forget(Set<Integer> tgids);
}
