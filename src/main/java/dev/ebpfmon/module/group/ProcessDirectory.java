package dev.ebpfmon.module.group;

import dev.ebpfmon.apps.AppGroup;
import dev.ebpfmon.apps.CgroupKind;
import dev.ebpfmon.apps.CgroupName;
import dev.ebpfmon.apps.CgroupNames;
import dev.ebpfmon.apps.ProcessInfo;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The processes the kernel has records of, each resolved once to its application group and its
 * cgroup, and again only when its record's header changes (exec gives a new name and usually a
 * new cgroup). /proc is read for a new process's command line and for ancestors the kernel has
 * no record of, never for every process every tick.
 */
final class ProcessDirectory {
    /** One process: what its header said when it was resolved, and where it was put. */
    static final class Proc {
        final int tgid;
        long cgroupId;
        int ppid;
        long commLow;
        long commHigh;
        ProcessInfo info;
        AppGroup appGroup;
        GroupState app;
        GroupState cgroup;
        /** The cgroup id was not known yet (a cgroup newer than the last scan): tried again each tick. */
        boolean cgroupPending;
        /** The kernel marked it exited at an earlier walk: this walk's counts are its last. */
        boolean exitSeen;
        private long lastSum = -1;
        private int idleTicks;

        Proc(int tgid) {
            this.tgid = tgid;
        }

        /** Ticks in a row the record's counters summed to {@code sum}. */
        int idle(long sum) {
            if (sum == lastSum) {
                idleTicks++;
            } else {
                lastSum = sum;
                idleTicks = 0;
            }
            return idleTicks;
        }

        boolean describedBy(MemorySegment values, long offset) {
            return PidRecords.cgroupId(values, offset) == cgroupId && PidRecords.ppid(values, offset) == ppid
                    && PidRecords.commLow(values, offset) == commLow && PidRecords.commHigh(values, offset) == commHigh;
        }
    }

    private final AppResolver apps;
    private final CgroupNames cgroupNames;
    private final boolean perProcess;
    private final int[] counters;
    private final int[] chartCounts;
    private final Map<Integer, Proc> procs = new HashMap<>();
    /** Application groups (or, per process, one per process), by name, in the order first counted. */
    final Map<String, GroupState> appStates = new LinkedHashMap<>();
    /** Cgroups by display name. */
    final Map<String, GroupState> cgroupStates = new LinkedHashMap<>();

    /**
     * @param perProcess one group per process ("comm/pid") instead of apps_groups.conf groups
     * @param counters   per module source, its number of counters
     * @param chartCounts per module source, its number of group charts
     */
    ProcessDirectory(AppResolver apps, CgroupNames cgroupNames, boolean perProcess, int[] counters, int[] chartCounts) {
        this.apps = apps;
        this.cgroupNames = cgroupNames;
        this.perProcess = perProcess;
        this.counters = counters.clone();
        this.chartCounts = chartCounts.clone();
    }

    /** The process of a record, resolved anew if its header changed. */
    Proc resolve(int tgid, MemorySegment values, long offset) {
        Proc p = procs.get(tgid);
        if (p != null && p.describedBy(values, offset)) {
            if (p.cgroupPending) {
                placeCgroup(p);
            }
            return p;
        }
        if (p == null) {
            p = new Proc(tgid);
            procs.put(tgid, p);
        }
        p.cgroupId = PidRecords.cgroupId(values, offset);
        p.ppid = PidRecords.ppid(values, offset);
        p.commLow = PidRecords.commLow(values, offset);
        p.commHigh = PidRecords.commHigh(values, offset);
        p.info = apps.describe(tgid, p.ppid, PidRecords.comm(values, offset));
        place(p);
        return p;
    }

    private void place(Proc p) {
        if (perProcess) {
            String name = p.info.comm() + "/" + p.tgid;
            p.appGroup = new AppGroup(name, false);
            p.app = appStates.computeIfAbsent(name, n -> newState(n, false, false, ""));
        } else {
            p.appGroup = apps.groupOf(p.info, this::known);
            p.app = appStates.computeIfAbsent(p.appGroup.name(),
                    n -> newState(n, p.appGroup.hidden(), false, ""));
        }
        placeCgroup(p);
    }

    private void placeCgroup(Proc p) {
        Optional<CgroupName> name = p.cgroupId == 0 ? Optional.empty() : cgroupNames.byId(p.cgroupId);
        p.cgroupPending = p.cgroupId != 0 && name.isEmpty();
        p.cgroup = name.filter(n -> !n.path().equals("/")).map(this::cgroupState).orElse(null);
    }

    private AppResolver.Known known(int tgid) {
        Proc p = procs.get(tgid);
        return p == null || p.appGroup == null ? null : new AppResolver.Known(p.info, p.appGroup);
    }

    private GroupState cgroupState(CgroupName n) {
        return cgroupStates.computeIfAbsent(n.name(),
                name -> newState(name, false, n.kind() == CgroupKind.SERVICE, n.path()));
    }

    private GroupState newState(String name, boolean hidden, boolean service, String path) {
        return new GroupState(name, hidden, service, path, counters, chartCounts);
    }

    /** Forgets a process whose last counts were taken. */
    void forget(int tgid) {
        procs.remove(tgid);
    }

    int size() {
        return procs.size();
    }

    /** Forgets ancestors read from /proc, which may have exited since. */
    void forgetAncestors() {
        apps.forgetAncestors();
    }
}
