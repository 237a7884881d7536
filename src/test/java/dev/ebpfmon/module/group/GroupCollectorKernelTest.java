package dev.ebpfmon.module.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.ProcessRecord;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.ModuleLoader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BPF: workloads under names of their own (one apps_groups.conf group per name) and in
 * cgroups of the test's own show their exact counts on the apps.* and cgroup charts; short-lived
 * processes leave no record behind and lose no count; cgroups that go away take their charts with
 * them.
 */
@Tag("kernel")
class GroupCollectorKernelTest {
    private static final Path WORKLOAD = Path.of("target/native/ebpfmon-workload").toAbsolutePath();
    /** Process names of this run only: other test runs on the machine may run the same workloads. */
    private static final String RUN = Long.toString(ProcessHandle.current().pid());
    private static final String ALPHA = "wa" + RUN;
    private static final String BETA = "wb" + RUN;
    private static final String CHURN = "wc" + RUN;
    /** Sized for 150 ms or more of racing ticks here (countsLandingWhileTicksRunAreReadExactlyOnce). */
    private static final int OPENS_PER_THREAD = 100_000;
    private static final int WRITES = 1_000_000;

    @TempDir
    Path dir;

    private LoadedModules modules;
    private GroupCollector collector;
    private int ticksCollected;

    @BeforeEach
    void load() {
        List<ModuleLoader.Request> requests = new ArrayList<>();
        for (String name : List.of("process", "fd", "vfs")) {
            Module m = ModuleCatalog.find(name).orElseThrow();
            requests.add(KernelTests.request(m, KernelTests.settings(name).withLoadMode(LoadMode.RETURN)
                    .withGroups(true, true)));
        }
        modules = KernelTests.load(requests);
        assertThat(modules.statuses()).allSatisfy(s -> assertThat(s.runs()).as(s.toString()).isTrue());
        AppsGroups groups = AppsGroups.parse(dir.resolve("apps_groups.conf"),
                List.of("alpha: " + ALPHA, "beta: " + BETA, "churners: " + CHURN));
        assertThat(groups.problems()).isEmpty();
        collector = GroupCollector.of(modules, groups, false).orElseThrow();
    }

    @AfterEach
    void close() {
        collector.close();
        modules.close();
    }

    /** Starts the workload under another name (its comm), stopped before its first operation. */
    private Process startAs(String name, Optional<Path> cgroup, String... ops) throws Exception {
        Path link = dir.resolve(name);
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, WORKLOAD);
        }
        String enter = cgroup.map(c -> "echo $$ > " + c.resolve("cgroup.procs") + " && ").orElse("");
        String script = enter + "exec " + link + " --stop " + dir + " " + String.join(" ", ops);
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitStopped(p.pid());
        return p;
    }

    private static void awaitStopped(long pid) throws Exception {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(stat);
            if (text.charAt(text.lastIndexOf(')') + 2) == 'T') {
                return;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("workload " + pid + " did not stop");
    }

    private static void resumeAndWait(Process p) throws Exception {
        new ProcessBuilder("kill", "-CONT", String.valueOf(p.pid())).start().waitFor();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    /** A collection: chart id -> dimension name (or the cgroup's name) -> value, and the charts retired. */
    private record Collected(Map<String, Map<String, Long>> values, List<Chart> retired) {}

    private Collected collect() {
        Tick tick = new Tick();
        collector.collect(tick);
        ticksCollected++;
        Map<String, Map<String, Long>> values = new HashMap<>();
        for (Sample s : tick.samples()) {
            Map<String, Long> row = values.computeIfAbsent(s.chart().fullId(), k -> new HashMap<>());
            for (int i = 0; i < s.values().length; i++) {
                row.put(s.chart().dimensions().get(i).name(), s.values()[i]);
            }
        }
        return new Collected(values, tick.retired());
    }

    private static long delta(Collected before, Collected after, String chart, String dimension) {
        long b = before.values().getOrDefault(chart, Map.of()).getOrDefault(dimension, 0L);
        return after.values().getOrDefault(chart, Map.of()).getOrDefault(dimension, 0L) - b;
    }

    /**
     * Two collections after the processes ended, as the agent's ticks would: the first sees their
     * records marked exited, the second takes their last counts and deletes them.
     */
    private Collected settle() throws InterruptedException {
        Thread.sleep(200); // a release (sched_process_free) lands an RCU grace period after the reaping
        collect();
        return collect();
    }

    @Test
    void eachApplicationGroupGetsExactlyItsWorkload() throws Exception {
        Process alpha = startAs(ALPHA, Optional.empty(), "open:40", "write:12000", "fork:3");
        Process beta = startAs(BETA, Optional.empty(), "open:7", "fail-open:2");
        Collected before = collect();
        resumeAndWait(alpha);
        resumeAndWait(beta);
        Collected after = settle();

        assertThat(delta(before, after, "apps.file_open", "alpha")).isEqualTo(40 + 1);
        assertThat(delta(before, after, "apps.file_closed", "alpha")).isEqualTo(40 + 1);
        assertThat(delta(before, after, "apps.vfs_write_bytes", "alpha")).isEqualTo(12_000);
        assertThat(delta(before, after, "apps.vfs_write_call", "alpha")).isEqualTo(3);
        assertThat(delta(before, after, "apps.process_create", "alpha")).isEqualTo(3);
        assertThat(delta(before, after, "apps.task_exit", "alpha")).as("3 children and itself").isEqualTo(4);
        assertThat(delta(before, after, "apps.file_open", "beta")).isEqualTo(7 + 2);
        assertThat(delta(before, after, "apps.file_open_error", "beta")).isEqualTo(2);
        assertThat(delta(before, after, "apps.vfs_write_bytes", "beta")).isZero();
        assertThat(ProcessRecord.read(modules, (int) alpha.pid())).as("alpha's record, gone with it").isEmpty();
    }

    /**
     * Ticks racing a process's counts: a record is read in a tick when the kernel pushed it, on its
     * first write after the tick started (PidChanges); threads on every CPU counting in three
     * modules while ticks come every millisecond must leave exactly what the same workload leaves
     * with no tick at all, none lost and none added twice. Where a process with one thread counts
     * with plain adds (loop-write, after the threads are joined), a tick waits for a grace period
     * (8 ms here): the workload is long enough for tens of ticks all the same.
     */
    @Test
    void countsLandingWhileTicksRunAreReadExactlyOnce() throws Exception {
        String[] ops = {"cpu-open:" + OPENS_PER_THREAD, "loop-write:" + WRITES, "fork:50"};
        Process beta = startAs(BETA, Optional.empty(), ops);
        Process alpha = startAs(ALPHA, Optional.empty(), ops);
        // after both started: what each did before it stopped (the spawn helper closes as many
        // descriptors as this JVM had open then) is in `before`
        Collected before = collect();
        resumeAndWait(beta); // no tick while it runs
        new ProcessBuilder("kill", "-CONT", String.valueOf(alpha.pid())).start().waitFor();
        int racing = 0;
        while (alpha.isAlive()) {
            collect();
            racing++;
            Thread.sleep(1);
        }
        assertThat(alpha.exitValue()).isZero();
        Collected after = settle();

        assertThat(racing).as("ticks while it ran").isGreaterThan(10);
        for (String chart : List.of("apps.file_open", "apps.file_closed", "apps.vfs_write_call",
                "apps.vfs_write_bytes", "apps.process_create", "apps.task_exit")) {
            assertThat(delta(before, after, chart, "alpha")).as(chart)
                    .isEqualTo(delta(before, after, chart, "beta"));
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(delta(before, after, "apps.file_open", "alpha")).isGreaterThanOrEqualTo((long) cpus * OPENS_PER_THREAD);
        assertThat(delta(before, after, "apps.vfs_write_call", "alpha")).isGreaterThanOrEqualTo(WRITES);
        assertThat(delta(before, after, "apps.process_create", "alpha")).isGreaterThanOrEqualTo(50L);
    }

    @Test
    void aProcessIsKnownByItsNameAfterExecItsParentAndItsCgroup() throws Exception {
        Path cgroup = KernelTests.cgroup2Mount().resolve("ebpfmon-record-" + ProcessHandle.current().pid());
        Files.createDirectory(cgroup);
        try {
            String script = "echo $$ > " + cgroup.resolve("cgroup.procs") + " && exec " + WORKLOAD + " " + dir + " open:3";
            Process shell = new ProcessBuilder("sh", "-c", script).inheritIO().start();
            assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(shell.exitValue()).isZero();
            Thread.sleep(200);
            ProcessRecord record = ProcessRecord.read(modules, (int) shell.pid()).orElseThrow();
            assertThat(record.comm()).isEqualTo("ebpfmon-workloa"); // TASK_COMM_LEN is 16
            assertThat(record.ppid()).isEqualTo((int) ProcessHandle.current().pid());
            assertThat(record.cgroupId()).isEqualTo(((Number) Files.getAttribute(cgroup, "unix:ino")).longValue());
            assertThat(record.exited()).isTrue();
        } finally {
            KernelTests.removeCgroup(cgroup);
        }
    }

    @Test
    void aCgroupChartCarriesTheExactCountsOfItsProcessesAndRetiresWithIt() throws Exception {
        Path cgroup = KernelTests.cgroup2Mount().resolve("ebpfmon-group-" + ProcessHandle.current().pid());
        Files.createDirectory(cgroup);
        String type;
        try {
            Process p = startAs(BETA, Optional.of(cgroup), "open:25", "write:5000");
            Collected before = collect();
            resumeAndWait(p);
            Collected after = settle();
            type = after.values().keySet().stream().filter(id -> id.startsWith("cgroup_") && id.contains("ebpfmon-group"))
                    .map(id -> id.substring(0, id.indexOf('.'))).findFirst().orElseThrow(
                            () -> new AssertionError("no cgroup chart for " + cgroup + " in " + after.values().keySet()));
            assertThat(delta(before, after, type + ".file_open", "open")).isEqualTo(25 + 1);
            assertThat(delta(before, after, type + ".vfs_write_bytes", "write")).isEqualTo(5000);
            assertThat(collect().retired()).as("the cgroup is still there").isEmpty();
        } finally {
            KernelTests.removeCgroup(cgroup);
        }
        Collected gone = collect();
        assertThat(gone.retired()).extracting(Chart::fullId).contains(type + ".file_open", type + ".vfs_write_bytes")
                .allMatch(id -> id.startsWith(type + "."));
        assertThat(gone.values().keySet()).as("a retired chart's final sample goes with its retirement")
                .contains(type + ".file_open");
        assertThat(collect().values().keySet()).noneMatch(id -> id.startsWith(type + "."));
    }

    @Test
    void tenThousandShortLivedProcessesLeaveNoRecordAndLoseNoCount() throws Exception {
        int n = 10_000;
        Process churn = startAs(CHURN, Optional.empty(), "churn:" + n);
        Collected before = collect();
        resumeAndWait(churn);
        Set<Integer> pids = new HashSet<>(Files.readAllLines(dir.resolve("churn-pids")).stream()
                .map(Integer::parseInt).toList());
        pids.add((int) churn.pid());
        // collect like the agent does until the records are gone (two ticks after the exits; more
        // when a loaded machine delays the exit tracepoint's last processes)
        Collected after = collect();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!deadRecords(pids).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            after = collect();
        }

        assertThat(deadRecords(pids)).as("records of the churn's processes, all gone").isEmpty();
        assertThat(delta(before, after, "apps.file_open", "churners")).as("one open per child").isEqualTo(n + 1);
        assertThat(delta(before, after, "apps.process_create", "churners")).isEqualTo(n);
        assertThat(delta(before, after, "apps.task_exit", "churners")).isEqualTo(n + 1);
        // a release is the kernel freeing the task, which it may do long after the reaping (measured
        // on 6.18: about 1% of 10,000 reaped children not freed two minutes later): never more than
        // the processes, and almost all of them
        assertThat(delta(before, after, "apps.task_close", "churners")).isBetween((long) (0.95 * n), n + 1L);
    }

    @Test
    void aTickReadsOnlyTheRecordsThatChangedAndTheWholeTableWalkAgrees() throws Exception {
        int sleepers = 200;
        List<Process> idle = new ArrayList<>();
        try {
            for (int i = 0; i < sleepers; i++) {
                idle.add(new ProcessBuilder("sleep", "600").start()); // counted while starting, idle after
            }
            Thread.sleep(500);
            collect(); // the first tick reads the whole table
            assertThat(collector.recordsRead()).as("the first tick reads every record").isGreaterThanOrEqualTo(sleepers);
            collect(); // the sleepers' last start-up counts may land just after the first tick
            Process alpha = startAs(ALPHA, Optional.empty(), "open:40", "write:12000");
            Collected before = collect();
            assertThat(collector.recordsRead()).as("records read of " + collector.processes() + " known")
                    .isLessThanOrEqualTo(collector.processes() - sleepers);
            resumeAndWait(alpha);
            Collected after = settle();
            while (ticksCollected < GroupCollector.FULL_WALK_TICKS + 1) {
                after = collect();
            }
            assertThat(delta(before, after, "apps.file_open", "alpha")).as("after a walk of the whole table too")
                    .isEqualTo(40 + 1);
            assertThat(delta(before, after, "apps.vfs_write_bytes", "alpha")).isEqualTo(12_000);
            assertThat(collector.processes()).as("the sleepers are still known").isGreaterThanOrEqualTo(sleepers);
        } finally {
            idle.forEach(Process::destroyForcibly);
        }
    }

    /** The agent's side at scale, the same on every kernel: the kernel matrix leaves it out (tag "scale"). */
    @Test
    @Tag("scale")
    void aThousandCgroupsThatComeAndGoLeaveTheChartSetAsItWas() throws Exception {
        Path parent = KernelTests.cgroup2Mount().resolve("ebpfmon-churn-" + ProcessHandle.current().pid());
        Files.createDirectory(parent);
        try {
            collect();
            int chartsBefore = collect().values().size();
            int statesBefore = collector.cgroups();
            Set<String> seen = new HashSet<>();
            Set<String> retired = new HashSet<>();
            for (int round = 0; round < 10; round++) {
                List<Path> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    Path c = parent.resolve("c" + (round * 100 + i));
                    Files.createDirectory(c);
                    batch.add(c);
                    String script = "echo $$ > " + c.resolve("cgroup.procs") + " && exec " + WORKLOAD + " " + dir + " open:1";
                    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                // new cgroup ids are looked up by a walk of cgroupfs at most once a second
                Thread.sleep(1100);
                collectInto(seen, retired);
                for (Path c : batch) {
                    KernelTests.removeCgroup(c);
                }
                collectInto(seen, retired);
            }
            // their processes' records go once released, which a loaded machine can take seconds to do
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                Thread.sleep(500);
                collectInto(seen, retired);
            } while (!retired.containsAll(seen) && System.nanoTime() < deadline);
            assertThat(seen).as("a chart for each of the 1,000 cgroups").hasSizeGreaterThanOrEqualTo(1000);
            assertThat(retired).as("every one of them retired").containsAll(seen);
            assertThat(collector.cgroups()).isEqualTo(statesBefore);
            assertThat(collect().values().size()).isEqualTo(chartsBefore);
        } finally {
            KernelTests.removeCgroup(parent);
        }
    }

    private void collectInto(Set<String> seen, Set<String> retired) {
        Collected c = collect();
        c.values().keySet().stream().filter(id -> id.startsWith("cgroup_ebpfmon-churn")).map(id -> id.split("\\.")[0])
                .forEach(seen::add);
        c.retired().stream().map(Chart::type).filter(t -> t.startsWith("cgroup_ebpfmon-churn")).forEach(retired::add);
    }

    /** Records left of these processes; a pid the kernel gave to a new process since has a record of its own. */
    private List<Integer> deadRecords(Set<Integer> pids) throws Exception {
        return keys(modules.pidTables().orElseThrow().slots()).stream()
                .filter(pid -> pids.contains(pid) && !Files.exists(Path.of("/proc", pid.toString()))).toList();
    }

    private static List<Integer> keys(BpfMap map) throws Exception {
        List<Integer> keys = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment next = arena.allocate(ValueLayout.JAVA_INT);
            boolean more = map.nextKey(null, next);
            while (more) {
                keys.add(next.get(ValueLayout.JAVA_INT, 0));
                key.copyFrom(next);
                more = map.nextKey(key, next);
            }
        }
        return keys;
    }
}
