package dev.ebpfmon.module.self;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.BpfObject;
import dev.ebpfmon.bpf.BpfStats;
import dev.ebpfmon.bpf.MapReader;
import dev.ebpfmon.bpf.ProgramStats;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.loader.AttachedProgram;
import dev.ebpfmon.module.loader.LoadedModules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The agent watching itself, the way Netdata charts its collectors: how often and how long each
 * attached BPF program runs, how long ticks take, how full the per-PID tables are, the kernel
 * memory of the maps, and the agent's CPU and RSS. Program statistics are switched on (with
 * {@link BpfStats}) for as long as this collector is open; if the kernel refuses, the program
 * charts are left out and {@link #statsProblem()} says why.
 */
public final class SelfCollector implements Collector {
    private static final System.Logger LOG = System.getLogger("ebpfmon.self");
    private static final int ENTRIES_PER_BATCH = 1024;

    private final List<AttachedProgram> programs;
    /** Per hash table: its walker, where neither the kernel nor another collector counts it; else null. */
    private final List<MapReader> tables;
    private final long[] tableIds;
    /** The kernel's counts of every map's elements (6.6+); null where they cannot be had. */
    private final MapElementCounts kernelCounts;
    /** Entries of tables someone else walks anyway (the per-process records), by table. */
    private final List<IntSupplier> counted;
    private final List<Integer> maxEntries = new ArrayList<>();
    private final List<BpfMap> allMaps;
    private final TickTimer timer;
    private final ProcessUsage.Reader usage;
    private final BpfStats stats;
    private final String statsProblem;
    private final List<Chart> charts;
    private final Chart runs;
    private final Chart time;
    private final Chart tick;
    private final Chart fill;
    private final Chart memory;
    private final Chart hashTables;
    private final Chart cpu;
    private final Chart rss;
    /**
     * Collections between two reads of the maps' memlock: a /proc/self/fdinfo file per map, 13 % of
     * the agent's profile at 10,000 processes when read on every tick (BENCHMARKS.md), for a figure
     * that moves only as tables without preallocation grow.
     */
    private static final int MEMLOCK_EVERY_COLLECTIONS = 60;
    /**
     * Collections between two counts of the tables no other collector counts. Where the kernel
     * does not count the elements of its maps (before 6.6) they are walked, and a batch lookup
     * visits every bucket of a hash table, empty or not: the socket and disk tables of the "all"
     * configuration cost 10-20 ms a walk, about 1 ms a tick at this interval, at any load. The
     * kernel's counts cost about 0.3 ms a read here (an iterator over every map of the host), so
     * they are read as seldom (BENCHMARKS.md). The per-process table is counted every tick (its
     * walker says), and the connection tables count every tick what found no room in them (the
     * network viewer's capacity chart).
     */
    static final int FILL_COUNT_EVERY_COLLECTIONS = 10;
    /** Entries of each table: at its last walk, or as its walker counts them. */
    private final long[] entries;
    private long collections;
    private long lockedBytes;

    private SelfCollector(LoadedModules modules, TickTimer timer, int updateEvery, ProcessUsage.Reader usage,
            Map<String, IntSupplier> entryCounts, MapElementCounts kernelCounts, BpfStats enabled, String problem) {
        this.timer = timer;
        this.kernelCounts = kernelCounts;
        this.usage = usage;
        this.stats = enabled;
        this.statsProblem = problem;
        this.programs = enabled == null && problem != null ? List.of() : modules.attached();
        this.tables = new ArrayList<>();
        this.counted = new ArrayList<>();
        List<String> tableNames = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        modules.maps().forEach((name, map) -> {
            if (isHash(map)) {
                tableNames.add(name);
                ids.add(map.kernelId());
                maxEntries.add(map.maxEntries());
                IntSupplier known = entryCounts.get(name);
                counted.add(known);
                tables.add(known != null || kernelCounts != null ? null : new MapReader(map, ENTRIES_PER_BATCH));
            }
        });
        this.tableIds = ids.stream().mapToLong(Long::longValue).toArray();
        this.entries = new long[tables.size()];
        this.allMaps = distinctMaps(modules);
        List<String> programNames = programNames(programs);
        runs = SelfCharts.programRuns(programNames, updateEvery);
        time = SelfCharts.programTime(programNames, updateEvery);
        tick = SelfCharts.tickDuration(updateEvery);
        fill = SelfCharts.mapsFill(tableNames, updateEvery);
        memory = SelfCharts.kernelMemory(updateEvery);
        hashTables = SelfCharts.hashTables(updateEvery);
        cpu = SelfCharts.agentCpu(updateEvery);
        rss = SelfCharts.agentRss(updateEvery);
        List<Chart> all = new ArrayList<>();
        if (!programs.isEmpty()) {
            all.add(runs);
            all.add(time);
        }
        all.add(tick);
        if (!tables.isEmpty()) {
            all.add(fill);
        }
        all.addAll(List.of(memory, hashTables, cpu, rss));
        this.charts = List.copyOf(all);
    }

    /**
     * Starts watching {@code modules} (which must stay open while this collector is used).
     *
     * @param timer        fed by the tick loop with each tick's duration
     * @param entryCounts  entries of tables another collector walks anyway, so they are not walked twice
     */
    public static SelfCollector start(LoadedModules modules, TickTimer timer, int updateEvery,
            Map<String, IntSupplier> entryCounts, boolean enableStats) {
        BpfStats enabled = null;
        String problem = null;
        if (enableStats) {
            try {
                enabled = BpfStats.enable();
            } catch (BpfException e) {
                problem = "BPF run-time statistics unavailable: " + e.getMessage();
                LOG.log(System.Logger.Level.WARNING, problem);
            }
        } else if (!statsOnAlready()) {
            problem = "BPF run-time statistics are off: they cost every BPF program on the machine two clock"
                    + " reads per run; --bpf-stats or kernel.bpf_stats_enabled = 1 charts them";
        }
        MapElementCounts kernelCounts = null;
        try {
            kernelCounts = MapElementCounts.open();
        } catch (BpfException e) {
            LOG.log(System.Logger.Level.INFO, "the kernel does not count the elements of its maps (before 6.6; {0}"
                    + " refused: {1}): the hash tables are walked every " + FILL_COUNT_EVERY_COLLECTIONS
                    + " collections for the maps-fill chart", MapElementCounts.OBJECT, e.errnoText());
        }
        try {
            return new SelfCollector(modules, timer, updateEvery, new ProcessUsage.Reader(ProcessHandle.current().pid()),
                    entryCounts, kernelCounts, enabled, problem);
        } catch (RuntimeException e) {
            if (kernelCounts != null) {
                kernelCounts.close();
            }
            if (enabled != null) {
                enabled.close(); // run-time statistics cost every program two clock reads: never leave them on
            }
            throw e;
        }
    }

    /** Whether someone (an operator's sysctl) keeps the kernel's run-time statistics on already. */
    private static boolean statsOnAlready() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/bpf_stats_enabled"))
                    .strip().equals("1");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Why the program charts are missing, when they are. */
    public Optional<String> statsProblem() {
        return Optional.ofNullable(statsProblem);
    }

    public List<Chart> charts() {
        return charts;
    }

    @Override
    public void collect(Tick samples) {
        if (!programs.isEmpty()) {
            long[] count = new long[programs.size()];
            long[] nanos = new long[programs.size()];
            for (int i = 0; i < programs.size(); i++) {
                ProgramStats s = programStats(programs.get(i));
                count[i] = s.runCount();
                nanos[i] = s.runTimeNanos();
            }
            samples.add(new Sample(runs, count));
            samples.add(new Sample(time, nanos));
        }
        TickTimer.Reading reading = timer.readAndReset();
        samples.add(Sample.of(tick, reading.lastNanos(), reading.maxNanos(), reading.lastCpuNanos()));
        if (!tables.isEmpty()) {
            samples.add(new Sample(fill, fillRatios(collections % FILL_COUNT_EVERY_COLLECTIONS == 0)));
        }
        if (collections++ % MEMLOCK_EVERY_COLLECTIONS == 0) {
            lockedBytes = 0;
            for (BpfMap map : allMaps) {
                lockedBytes += map.memlockBytes();
            }
        }
        samples.add(Sample.of(memory, lockedBytes));
        samples.add(Sample.of(hashTables, allMaps.size()));
        ProcessUsage now = usage.read();
        samples.add(Sample.of(cpu, now.userTicks(), now.systemTicks()));
        samples.add(Sample.of(rss, now.rssBytes()));
    }

    /** Hundredths of a percent per table. */
    private long[] fillRatios(boolean count) {
        if (kernelCounts != null && count) {
            try {
                kernelCounts.count(tableIds, entries);
            } catch (BpfException e) {
                throw new IllegalStateException("counting the elements of the maps: " + e.getMessage(), e);
            }
        }
        long[] ratios = new long[tables.size()];
        for (int i = 0; i < tables.size(); i++) {
            MapReader reader = tables.get(i);
            try {
                if (counted.get(i) != null) {
                    entries[i] = counted.get(i).getAsInt();
                } else if (reader != null && count) {
                    entries[i] = reader.forEach((keys, keyOffset, values, valueOffset) -> { });
                }
                ratios[i] = entries[i] * 10_000L / Math.max(1, maxEntries.get(i));
            } catch (BpfException e) {
                throw new IllegalStateException("counting entries of " + reader.map().name() + ": " + e.getMessage(), e);
            }
        }
        return ratios;
    }

    private static ProgramStats programStats(AttachedProgram program) {
        try {
            return program.program().stats();
        } catch (BpfException e) {
            throw new IllegalStateException("statistics of " + program.program().name() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isHash(BpfMap map) {
        return switch (map.type()) {
            case HASH, LRU_HASH, PERCPU_HASH, LRU_PERCPU_HASH -> true;
            default -> false;
        };
    }

    /** Every kernel map once: an object that reuses another's map holds a second handle to it. */
    private static List<BpfMap> distinctMaps(LoadedModules modules) {
        Map<Long, BpfMap> byId = new LinkedHashMap<>();
        for (BpfObject object : modules.objects().byName().values()) {
            for (BpfMap map : object.maps()) {
                byId.putIfAbsent(map.kernelId(), map);
            }
        }
        return List.copyOf(byId.values());
    }

    /** The probe point names; prefixed with the object only where two objects share a point name. */
    private static List<String> programNames(List<AttachedProgram> programs) {
        Set<String> seen = new HashSet<>();
        Set<String> clashing = new HashSet<>();
        for (AttachedProgram p : programs) {
            if (!seen.add(p.point())) {
                clashing.add(p.point());
            }
        }
        return programs.stream().map(p -> clashing.contains(p.point()) ? p.object() + "_" + p.point() : p.point()).toList();
    }

    @Override
    public void close() {
        usage.close();
        tables.stream().filter(java.util.Objects::nonNull).forEach(MapReader::close);
        if (kernelCounts != null) {
            kernelCounts.close();
        }
        if (stats != null) {
            stats.close();
        }
    }
}
