package dev.ebpfmon.module.group;

import dev.ebpfmon.apps.AppGroup;
import dev.ebpfmon.apps.CgroupKind;
import dev.ebpfmon.apps.CgroupName;
import dev.ebpfmon.apps.CgroupNames;
import dev.ebpfmon.apps.ProcessInfo;
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
        private static final long[] NOTHING_HELD = new long[0];
        final int tgid;
        /** Its record's slot: a record keeps its slot for its process's life. */
        int slot;
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
        /**
         * Its counters as last read, only those that ever moved: (flat index, value) pairs in the
         * order of the index (see GroupCollector), {@link #heldCount} of them. Most of a record's
         * counters stay zero for a process's whole life; a full copy per process cost a cache miss
         * per 64 bytes at every read.
         */
        long[] held = NOTHING_HELD;
        int heldCount;
        /** The sum of its counters at the last idle check; -1 before the first. */
        private long sumAtLastCheck = -1;

        Proc(int tgid) {
            this.tgid = tgid;
        }

        /**
         * Called at every idle check with the sum of the record's counters: whether they stood
         * still since the check before (counters only grow, so an equal sum means no count at all).
         */
        boolean idleSinceLastCheck(long sum) {
            boolean idle = sum == sumAtLastCheck;
            sumAtLastCheck = sum;
            return idle;
        }

        boolean describedBy(long[] record, int base) {
            return PidRecords.cgroupId(record, base) == cgroupId && PidRecords.ppid(record, base) == ppid
                    && PidRecords.commLow(record, base) == commLow && PidRecords.commHigh(record, base) == commHigh;
        }
    }

    private final AppResolver apps;
    private final CgroupNames cgroupNames;
    private final boolean perProcess;
    private final int[] counters;
    private final int[] chartCounts;
    private final TgidMap<Proc> procs = new TgidMap<>();
    /**
     * The same processes by their record's slot: GroupCollector reads records in slot order, so
     * this is read front to back, where a lookup by tgid hit two random places per record.
     */
    private Proc[] bySlot = new Proc[1024];
    /**
     * Per slot, beside {@link #bySlot}: its process's tgid, the tick it was last read (or seen
     * unchanged by a walk of the table) in, and the change generation (see
     * {@link PidChanges#generation()}) of its last read. Kept out of {@link Proc} so that a walk
     * decides about a record, and finds the processes it did not see, without touching the
     * process: a cache miss each at 10,000 processes, 10 ms a walk on this project's machine.
     */
    private int[] tgidAt = new int[1024];
    private long[] seenAt = new long[1024];
    private int[] readGenerationAt = new int[1024];
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

    /** The process of the record in {@code slot}, if known. */
    Proc get(int tgid, int slot) {
        Proc p = slot < bySlot.length ? bySlot[slot] : null;
        return p != null && p.tgid == tgid ? p : procs.get(tgid);
    }

    /** Records that {@code p}'s record was read in tick {@code tick}, at change generation {@code generation}. */
    void markRead(Proc p, long tick, int generation) {
        seenAt[p.slot] = tick;
        readGenerationAt[p.slot] = generation;
    }

    /** Records that {@code p} was seen in tick {@code tick} without its record being read. */
    void markSeen(Proc p, long tick) {
        seenAt[p.slot] = tick;
    }

    boolean seenIn(Proc p, long tick) {
        return seenAt[p.slot] == tick;
    }

    /**
     * The process in {@code slot} if it is {@code tgid}'s and its record was not written since its
     * last read: its header's generation comes before the one of that read.
     */
    Proc unchangedSinceRead(int tgid, int slot, int generation) {
        return slot < bySlot.length && tgidAt[slot] == tgid && generation - readGenerationAt[slot] < 0
                ? bySlot[slot] : null;
    }

    /** The change generation of the last read of {@code p}'s record. */
    int readGeneration(Proc p) {
        return readGenerationAt[p.slot];
    }

    /** Every process known not seen in tick {@code tick}, as a copy. */
    java.util.List<Proc> unseenIn(long tick) {
        java.util.List<Proc> unseen = new java.util.ArrayList<>();
        for (int slot = 0; slot < bySlot.length; slot++) {
            if (bySlot[slot] != null && seenAt[slot] != tick) {
                unseen.add(bySlot[slot]);
            }
        }
        return unseen;
    }

    /**
     * The process of a record, resolved anew if its header changed.
     *
     * @param known what {@link #get(int, int)} gave for {@code tgid} (the caller has looked it up already)
     */
    Proc resolve(int tgid, int slot, Proc known, long[] record, int base) {
        Proc p = known;
        if (p != null && p.slot != slot) {
            bySlot(p, slot); // released and taken again by the same tgid between two reads
        }
        if (p != null && p.describedBy(record, base)) {
            if (p.cgroupPending) {
                placeCgroup(p);
            }
            return p;
        }
        if (p == null) {
            p = new Proc(tgid);
            procs.put(tgid, p);
            bySlot(p, slot);
        }
        p.cgroupId = PidRecords.cgroupId(record, base);
        p.ppid = PidRecords.ppid(record, base);
        p.commLow = PidRecords.commLow(record, base);
        p.commHigh = PidRecords.commHigh(record, base);
        p.info = apps.describe(tgid, p.ppid, PidRecords.comm(record, base));
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

    private void bySlot(Proc p, int slot) {
        if (slot >= bySlot.length) {
            int length = Math.max(slot + 1, bySlot.length * 2);
            bySlot = java.util.Arrays.copyOf(bySlot, length);
            tgidAt = java.util.Arrays.copyOf(tgidAt, length);
            seenAt = java.util.Arrays.copyOf(seenAt, length);
            readGenerationAt = java.util.Arrays.copyOf(readGenerationAt, length);
        }
        boolean moving = bySlot[p.slot] == p; // else a new process
        long seen = moving ? seenAt[p.slot] : 0;
        int generation = moving ? readGenerationAt[p.slot] : 0;
        if (moving) {
            clearSlot(p.slot);
        }
        p.slot = slot;
        bySlot[slot] = p;
        tgidAt[slot] = p.tgid;
        seenAt[slot] = seen;
        readGenerationAt[slot] = generation;
    }

    private void clearSlot(int slot) {
        bySlot[slot] = null;
        tgidAt[slot] = 0;
        seenAt[slot] = 0;
        readGenerationAt[slot] = 0;
    }

    /** Forgets a process whose last counts were taken. */
    void forget(Proc p) {
        procs.remove(p.tgid);
        if (bySlot[p.slot] == p) {
            clearSlot(p.slot);
        }
    }

    int size() {
        return procs.size();
    }

    /** Forgets ancestors read from /proc, which may have exited since. */
    void forgetAncestors() {
        apps.forgetAncestors();
    }
}
