package dev.ebpfmon.module.group;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.apps.CgroupNames;
import dev.ebpfmon.apps.ProcessLookup;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.RecordTotals;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.PidLayout;
import dev.ebpfmon.module.loader.PidTables;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Per-application, per-cgroup and per-service charts of every module that counts per process,
 * from the per-process records that changed in the tick (see {@link PidChanges}), and from the
 * whole table every {@value #FULL_WALK_TICKS}th tick: each record's growth since it was last read is
 * added to its process's application group and cgroup (resolved once per process, see
 * {@link ProcessDirectory}); the records of processes that are gone are added one last time, to the
 * group's gone share, and their slots released. A cgroup with no process left whose directory is
 * gone is retired: its charts get their final sample and are marked obsolete, and its state goes,
 * so the chart set stays bounded under container and session churn.
 */
public final class GroupCollector implements AutoCloseable {
    /** A module counting per process: its group charts and its slice of the record. */
    public record Source(String module, ModuleContext context, List<GroupChart> charts, int offset, int counters) {
        boolean apps() {
            return context.settings().apps();
        }

        boolean cgroups() {
            return context.settings().cgroups();
        }
    }

    /**
     * Every this many ticks the whole table is walked, not only the records that changed: what the
     * change ring lost (a record written since its last read), records that vanished, and records
     * that stood still since the last such walk, checked against /proc (a process gone without the
     * kernel's exit mark).
     */
    static final int FULL_WALK_TICKS = 30;

    private final PidRecords records;
    private final PidChanges changes;
    /** Processes read again next tick whatever the ring says: exited (read once more), cgroup pending. */
    private int[] again = new int[64];
    private int againCount;
    private int[] againNext = new int[64];
    private int againNextCount;
    private final List<Source> sources;
    private final HeldCounters counters;
    private final ProcessDirectory directory;
    private final ProcessLookup proc;
    private final Predicate<String> cgroupExists;
    private final boolean perProcess;
    private final boolean anyCgroups;
    private final GroupSamples samples;
    private final List<ProcessDirectory.Proc> goneThisTick = new ArrayList<>();
    private final PidTableWatch table;
    private long ticks;
    private int recordsRead;
    /** The change ring's losses at the last walk of the whole table. */
    private long lostAtLastWalk;
    /** The change generation of the last walk of the whole table. */
    private int lastWalkGeneration;
    /** {@link #add}, made once: a method reference taken in the loop would be a new object per record. */
    private final PidRecords.Visitor reader = this::add;

    /**
     * @param perProcess   one row per process ("comm/pid", for {@code top --by process}) instead of
     *                     apps_groups.conf groups; a process's row goes when the process does
     * @param cgroupExists whether a cgroup path still exists (relative to the cgroup v2 root)
     * @param totals       where every record's growth is also added, for the host counts
     */
    public GroupCollector(PidTables tables, List<Source> sources, AppsGroups groups,
            CgroupNames cgroups, ProcessLookup proc, Predicate<String> cgroupExists, boolean perProcess,
            RecordTotals totals) {
        this.records = new PidRecords(tables);
        this.changes = new PidChanges(tables);
        this.table = new PidTableWatch(tables.events(), tables.records().maxEntries(),
                sources.stream().mapToInt(s -> s.context().updateEvery()).min().orElse(1));
        this.sources = List.copyOf(sources);
        this.proc = proc;
        this.cgroupExists = cgroupExists;
        this.perProcess = perProcess;
        this.anyCgroups = sources.stream().anyMatch(Source::cgroups);
        this.counters = new HeldCounters(this.sources, perProcess, totals);
        int[] countersPerSource = sources.stream().mapToInt(Source::counters).toArray();
        int[] chartCounts = sources.stream().mapToInt(s -> s.charts().size()).toArray();
        this.directory = new ProcessDirectory(new AppResolver(groups, proc), cgroups, perProcess, countersPerSource,
                chartCounts);
        this.samples = new GroupSamples(this.sources);
    }

    /**
     * The group charts of every running module that counts per process, over the host's /proc and
     * cgroups; empty when no module counts per process.
     *
     * @param perProcess one row per process instead of apps_groups.conf groups (`top --by process`)
     */
    public static java.util.Optional<GroupCollector> of(LoadedModules modules, AppsGroups groups, boolean perProcess) {
        List<Source> sources = new ArrayList<>();
        for (LoadedModules.Running r : modules.running()) {
            PidLayout.Slice slice = modules.layout().slices().get(r.name());
            if (slice != null) {
                sources.add(new Source(r.name(), r.context(), r.module().groupCharts(r.context()), slice.offset(),
                        slice.counters()));
            }
        }
        if (sources.isEmpty() || modules.pidTables().isEmpty()) {
            return java.util.Optional.empty();
        }
        CgroupNames cgroups = CgroupNames.host();
        return java.util.Optional.of(new GroupCollector(modules.pidTables().get(), sources, groups, cgroups,
                ProcessLookup.host(), cgroups::exists, perProcess, modules.objects().records()));
    }

    /** Seconds between collections: the fastest of the modules counting per process. */
    public int updateEvery() {
        return sources.stream().mapToInt(s -> s.context().updateEvery()).min().orElse(1);
    }

    public void collect(Tick tick) {
        ticks++;
        goneThisTick.clear();
        changes.drain(); // first, then the new tick: see PidChanges
        changes.startTick(ticks);
        boolean fullWalk = ticks == 1 || ticks % FULL_WALK_TICKS == 0; // records made before tick 1 never pushed
        swapAgain();
        recordsRead = 0;
        table.startTick();
        // before the walk, which marks a record it finds unchanged as seen: those due again must be read
        for (int i = 0; i < againCount; i++) {
            records.read(again[i], reader);
        }
        if (fullWalk) {
            walk(walkBound());
        }
        // on a full walk too: a record made in a slot taken after the count is in the ring
        for (int i = 0; i < changes.count(); i++) {
            records.read(changes.slot(i), reader);
        }
        if (fullWalk) {
            retireUnseen();
        }
        goneThisTick.forEach(directory::forget);
        table.released(records.releaseQueued());
        table.collect(tick, recordsRead);
        directory.appStates.values().forEach(GroupState::endTick);
        directory.cgroupStates.values().forEach(GroupState::endTick);
        samples.add(tick, directory);
        retire(tick);
        if (ticks % FULL_WALK_TICKS == 0) {
            directory.forgetAncestors();
        }
    }

    /**
     * Visits every record of the table: reads those written since they were last read (or never
     * read: new, or in a slot taken again), and of the others only the header's tgid and
     * generation. A walk used to read and compare every record whole; at 10,000 processes that was
     * about a tenth of the agent's CPU, for records that had almost all stood still.
     */
    private void walk(long used) {
        int end = records.coverWalk(used);
        for (int slot = 0; slot < end; slot++) {
            long header = records.tgidAndGeneration(slot);
            int tgid = (int) header;
            if (tgid == 0) {
                continue;
            }
            ProcessDirectory.Proc p = directory.unchangedSinceRead(tgid, slot, (int) (header >>> 32));
            if (p != null) {
                stoodStill(p, slot);
            } else {
                records.read(slot, reader);
            }
        }
        lastWalkGeneration = changes.generation();
    }

    /**
     * A walk found the record of {@code p} not written since its last read: it is seen, and if it
     * was not read since the walk before either, it is idle, and gone if /proc no longer knows it
     * (a process gone without the kernel's exit mark).
     */
    private void stoodStill(ProcessDirectory.Proc p, int slot) {
        if (directory.seenIn(p, ticks)) {
            return; // read this tick already (due again: exited, or its cgroup not known yet)
        }
        directory.markSeen(p, ticks);
        boolean idle = directory.readGeneration(p) - lastWalkGeneration <= 0;
        if (ticks % FULL_WALK_TICKS == 0 && idle && !proc.exists(p.tgid)) {
            records.queueRelease(p.tgid, slot);
            gone(p);
        }
    }

    /**
     * The slots a walk of the whole table reads. Slots are taken lowest first (the free slots are a
     * stack), and a record's first change pushes its slot, so none was taken above the highest slot
     * read so far, unless the record was made before the first tick or its push found the ring full:
     * then every slot that may have been taken.
     */
    private long walkBound() {
        long lost = table.changesLost();
        boolean unsure = ticks == 1 || lost != lostAtLastWalk;
        lostAtLastWalk = lost;
        return unsure ? table.slotsTaken() : records.slotsSeen();
    }

    /** The slots to read again this tick are those queued last tick. */
    private void swapAgain() {
        int[] t = again;
        again = againNext;
        againCount = againNextCount;
        againNext = t;
        againNextCount = 0;
    }

    private void readAgainNextTick(int slot) {
        if (againNextCount == againNext.length) {
            againNext = java.util.Arrays.copyOf(againNext, againNextCount * 2);
        }
        againNext[againNextCount++] = slot;
    }

    /** After a walk of the whole table: the processes whose records were not in it are gone. */
    private void retireUnseen() {
        directory.unseenIn(ticks).forEach(this::gone);
    }

    private void add(int tgid, int slot, long[] record, int base) {
        ProcessDirectory.Proc p = directory.get(tgid, slot);
        if (p != null && directory.seenIn(p, ticks)) {
            return; // pushed twice (a write raced the tick's start): this tick has it already
        }
        GroupState app = p == null ? null : p.app;
        GroupState cgroup = p == null ? null : p.cgroup;
        p = directory.resolve(tgid, slot, p, record, base);
        directory.markRead(p, ticks, changes.generation());
        recordsRead++;
        if (p.app != app) {
            move(p, app, p.app, counters.toApps);
        }
        if (p.cgroup != cgroup) {
            move(p, cgroup, p.cgroup, counters.toCgroups);
        }
        counters.grow(p, record, base);
        // an exited process is read once more a tick later, so that counts landing just after its
        // exit (its release) are still its own; one gone without the kernel's mark (a record made
        // again by a late event) is found by its counters standing still and /proc not knowing it
        boolean exited = PidRecords.exited(record, base);
        boolean gone = exited && p.exitSeen
                || ticks % FULL_WALK_TICKS == 0 && p.idleSinceLastCheck(counters.checksum(record, base)) && !proc.exists(tgid);
        p.exitSeen = exited;
        if (gone) {
            records.queueRelease(tgid, slot);
            gone(p);
        } else if (exited || p.cgroupPending) {
            readAgainNextTick(slot);
        }
    }

    /** A process moves from one group to another (null: none), with everything it holds. */
    private void move(ProcessDirectory.Proc p, GroupState from, GroupState to, boolean[] counted) {
        if (from != null) {
            from.liveProcesses--;
            from.leave(p.held, p.heldCount, counted, false);
        }
        if (to != null) {
            to.liveProcesses++;
            to.counted = true;
            to.join(p.held, p.heldCount, counted);
        }
    }

    /**
     * A process is gone: it leaves its groups, and what it held stays in their totals. It is
     * forgotten at the end of the tick, so that a second push of its tgid in this tick finds it read.
     */
    private void gone(ProcessDirectory.Proc p) {
        p.app.leave(p.held, p.heldCount, counters.toApps, true);
        if (p.cgroup != null) {
            p.cgroup.leave(p.held, p.heldCount, counters.toCgroups, true);
        }
        p.app.liveProcesses--;
        if (p.cgroup != null) {
            p.cgroup.liveProcesses--;
        }
        directory.markSeen(p, ticks);
        goneThisTick.add(p);
    }

    /**
     * Cgroups with no process left whose directory is gone: their final sample is in this tick,
     * so their charts are retired now and their state dropped. Per process, a gone process's row
     * goes the same way (its final values were in this tick's samples).
     */
    private void retire(Tick tick) {
        if (anyCgroups) {
            for (Iterator<Map.Entry<String, GroupState>> it = directory.cgroupStates.entrySet().iterator();
                    it.hasNext(); ) {
                GroupState g = it.next().getValue();
                if (g.liveProcesses > 0 || cgroupExists.test(g.path)) {
                    continue;
                }
                for (Chart[] perSource : g.charts) {
                    for (Chart chart : perSource) {
                        if (chart != null) {
                            tick.retire(chart);
                        }
                    }
                }
                it.remove();
            }
        }
        if (perProcess) {
            for (ProcessDirectory.Proc p : goneThisTick) {
                if (p.app.liveProcesses == 0) {
                    directory.appStates.remove(p.app.name);
                }
            }
        }
    }

    /**
     * Records read in the last tick: those that changed; at a walk of the whole table, also those
     * written since their last read that the change ring did not bring, and those not known yet.
     */
    public int recordsRead() {
        return recordsRead;
    }

    /** Processes with a record now. */
    public int processes() {
        return directory.size();
    }

    /** Cgroups charted now (retired ones are gone). */
    public int cgroups() {
        return directory.cgroupStates.size();
    }

    @Override
    public void close() {
        table.close();
        changes.close();
        records.close();
    }
}
