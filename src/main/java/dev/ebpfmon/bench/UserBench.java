package dev.ebpfmon.bench;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.MapReader;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.ModuleLoader;
import dev.ebpfmon.module.self.ProcessUsage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One collection tick with N processes in the per-PID tables: the modules' own collectors plus a
 * batch read of every per-PID table folded into application groups, as the per-app collector
 * will do it. The tables are filled for real (N entries written into the kernel maps).
 */
final class UserBench {
    /** Stand-in for the apps table (not built yet): PIDs folded into this many groups by a multiplicative hash. */
    static final int APP_GROUPS = 64;
    private static final int ENTRIES_PER_BATCH = 4096;

    /** One table size's figures. */
    record Result(int pids, int entriesRead, Summary cpuMicros, Summary wallMicros, long kernelMemoryBytes,
            long rssBytes) {}

    private final Function<Integer, List<ModuleLoader.Request>> requestsFor;
    private final Function<List<ModuleLoader.Request>, LoadedModules> loader;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** @param requestsFor the modules to load with a given {@code pid table size} */
    UserBench(Function<Integer, List<ModuleLoader.Request>> requestsFor,
            Function<List<ModuleLoader.Request>, LoadedModules> loader) {
        this.requestsFor = requestsFor;
        this.loader = loader;
    }

    Result run(int pids, int warmup, int ticks) throws BpfException {
        try (LoadedModules modules = loader.apply(requestsFor.apply(pids))) {
            List<BpfMap> tables = perPidTables(modules, pids);
            for (BpfMap table : tables) {
                fill(table, pids);
            }
            List<MapReader> readers = new ArrayList<>();
            tables.forEach(t -> readers.add(new MapReader(t, ENTRIES_PER_BATCH)));
            try {
                long[][] apps = new long[APP_GROUPS][];
                int entries = 0;
                for (int i = 0; i < warmup; i++) {
                    entries = tick(modules, readers, apps);
                }
                double[] cpu = new double[ticks];
                double[] wall = new double[ticks];
                for (int i = 0; i < ticks; i++) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long wall0 = System.nanoTime();
                    entries = tick(modules, readers, apps);
                    wall[i] = (System.nanoTime() - wall0) / 1000.0;
                    cpu[i] = (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0;
                }
                long memory = 0;
                Set<Long> seen = new LinkedHashSet<>();
                for (var object : modules.objects().byName().values()) {
                    for (BpfMap map : object.maps()) {
                        if (seen.add(map.kernelId())) {
                            memory += map.memlockBytes();
                        }
                    }
                }
                return new Result(pids, entries, Summary.of(cpu), Summary.of(wall), memory, ProcessUsage.self().rssBytes());
            } finally {
                readers.forEach(MapReader::close);
            }
        }
    }

    /** The hash maps sized by {@code pid table size}: the per-PID tables. */
    private static List<BpfMap> perPidTables(LoadedModules modules, int pids) {
        List<BpfMap> tables = modules.maps().values().stream()
                .filter(m -> m.maxEntries() == pids && switch (m.type()) {
                    case HASH, LRU_HASH, PERCPU_HASH, LRU_PERCPU_HASH -> true;
                    default -> false;
                }).toList();
        if (tables.isEmpty()) {
            throw new IllegalStateException("no per-PID table of " + pids + " entries among " + modules.maps().keySet());
        }
        return tables;
    }

    /** Writes PIDs 1..n with non-zero counters (the programs keep adding real ones meanwhile). */
    private static void fill(BpfMap table, int n) throws BpfException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(JAVA_INT);
            MemorySegment value = arena.allocate(table.valueBufferSize(), 8);
            for (int pid = 1; pid <= n; pid++) {
                key.set(JAVA_INT, 0, pid);
                for (long at = 0; at + 8 <= value.byteSize(); at += 8) {
                    value.set(JAVA_LONG, at, pid + at);
                }
                table.update(key, value, BpfMap.BPF_ANY);
            }
        }
    }

    /** @return the entries read from the per-PID tables */
    private static int tick(LoadedModules modules, List<MapReader> readers, long[][] apps) throws BpfException {
        for (LoadedModules.Running running : modules.running()) {
            running.collector().collect(new dev.ebpfmon.chart.Tick());
        }
        int entries = 0;
        for (MapReader reader : readers) {
            BpfMap map = reader.map();
            int counters = map.valueSize() / Long.BYTES;
            for (int g = 0; g < APP_GROUPS; g++) {
                if (apps[g] == null || apps[g].length != counters) {
                    apps[g] = new long[counters];
                } else {
                    java.util.Arrays.fill(apps[g], 0);
                }
            }
            entries += reader.forEach((keys, keyOffset, values, valueOffset) -> {
                int pid = keys.get(JAVA_INT_UNALIGNED, keyOffset);
                long[] app = apps[(pid * 0x9E3779B1) >>> 26];
                for (int c = 0; c < counters; c++) {
                    app[c] += map.sumPerCpu(values, valueOffset, (long) c * Long.BYTES);
                }
            });
        }
        return entries;
    }
}
