package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.apps.CgroupNames;
import dev.ebpfmon.apps.ProcessTable;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.config.CoreTracing;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.config.TypeFormat;
import dev.ebpfmon.kernel.AttachProbe;
import dev.ebpfmon.module.fd.FdModule;
import dev.ebpfmon.module.process.ProcessModule;
import dev.ebpfmon.module.vfs.VfsModule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BPF: workloads under names of their own (one apps_groups.conf group per name) and in a
 * cgroup of the test's own show their exact counts on the apps.* and cgroup.* charts; 10,000
 * short-lived processes leave no entry behind and lose no count.
 */
@Tag("kernel")
class GroupChartsKernelTest {
    @TempDir
    Path dir;

    private LoadedModules modules;
    private GroupCollector collector;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void load() throws Exception {
        var support = new AttachProbe(() -> EmbeddedObjects.bytes("feature_probe")).all();
        List<Module> all = List.of(new ProcessModule(), new FdModule(), new VfsModule());
        List<ModuleLoader.Request> requests = all.stream().map(m -> new ModuleLoader.Request(m,
                new ModuleSettings(m.name(), true, LoadMode.RETURN, 1, 32768, true, true, TypeFormat.AUTO,
                        CoreTracing.TRAMPOLINE, 300))).toList();
        modules = new ModuleLoader(support, EmbeddedObjects::bytes).load(requests);
        assertThat(modules.statuses()).allSatisfy(s -> assertThat(s.runs()).as(s.toString()).isTrue());

        AppsGroups groups = AppsGroups.parse(dir.resolve("apps_groups.conf"),
                List.of("alpha: wl-alpha", "beta: wl-beta", "churners: wl-churn"));
        assertThat(groups.problems()).isEmpty();
        List<GroupCollector.Source> sources = new ArrayList<>();
        for (LoadedModules.Running running : modules.running()) {
            PidTable table = running.request().module().pidTable().orElseThrow();
            PidCounterScan scan = new PidCounterScan(modules.objects().map(table.object(), table.map()), table.counters());
            closeables.add(scan);
            sources.add(new GroupCollector.Source(running.name(), scan, running.request().module().groupCharts(),
                    LoadMode.RETURN, 1, true, true));
        }
        PidInfoTable kernel = new PidInfoTable(modules.objects().map(PidTracking.OBJECT, PidTracking.MAP));
        AppsView view = new AppsView(new ProcessTable(), groups, CgroupNames.host(), kernel, false);
        closeables.add(view);
        collector = new GroupCollector(sources, view, true);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        modules.close();
    }

    /** Starts the workload under another name (its comm), stopped before its first operation. */
    private Process startAs(String name, Optional<Path> cgroup, String... ops) throws Exception {
        Path link = dir.resolve(name);
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, Workload.BINARY.toAbsolutePath());
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
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    /** chart id -> dimension (or cgroup chart type) name -> value, of one collection. */
    private Map<String, Map<String, Long>> collect() {
        Map<String, Map<String, Long>> values = new java.util.HashMap<>();
        for (Sample s : collector.collect()) {
            Map<String, Long> row = values.computeIfAbsent(s.chart().fullId(), k -> new java.util.HashMap<>());
            for (int i = 0; i < s.values().length; i++) {
                row.put(s.chart().dimensions().get(i).name(), s.values()[i]);
            }
        }
        return values;
    }

    private static long delta(Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after,
            String chart, String dimension) {
        long b = before.getOrDefault(chart, Map.of()).getOrDefault(dimension, 0L);
        return after.getOrDefault(chart, Map.of()).getOrDefault(dimension, 0L) - b;
    }

    /** Two ticks after the processes ended: their last counts are scanned, their entries gone. */
    private Map<String, Map<String, Long>> settle() throws InterruptedException {
        Thread.sleep(200); // sched_process_free runs after an RCU grace period
        collect();
        return collect();
    }

    @Test
    void eachApplicationGroupGetsExactlyItsWorkload() throws Exception {
        Process alpha = startAs("wl-alpha", Optional.empty(), "open:40", "write:12000", "fork:3");
        Process beta = startAs("wl-beta", Optional.empty(), "open:7", "fail-open:2");
        var before = collect();
        resumeAndWait(alpha);
        resumeAndWait(beta);
        var after = settle();

        assertThat(delta(before, after, "apps.file_open", "alpha")).isEqualTo(40 + 1);
        assertThat(delta(before, after, "apps.file_closed", "alpha")).isEqualTo(40 + 1);
        assertThat(delta(before, after, "apps.vfs_write_bytes", "alpha")).isEqualTo(12_000);
        assertThat(delta(before, after, "apps.vfs_write_call", "alpha")).isEqualTo(3);
        assertThat(delta(before, after, "apps.process_create", "alpha")).isEqualTo(3);
        assertThat(delta(before, after, "apps.task_exit", "alpha")).as("3 children and itself").isEqualTo(4);
        assertThat(delta(before, after, "apps.file_open", "beta")).isEqualTo(7 + 2);
        assertThat(delta(before, after, "apps.file_open_error", "beta")).isEqualTo(2);
        assertThat(delta(before, after, "apps.vfs_write_bytes", "beta")).isZero();
    }

    @Test
    void aCgroupChartCarriesTheExactCountsOfItsProcesses() throws Exception {
        Path cgroup = PidTrackingKernelTest.cgroup2Mount().resolve("ebpfmon-group-" + ProcessHandle.current().pid());
        Files.createDirectory(cgroup);
        try {
            Process p = startAs("wl-beta", Optional.of(cgroup), "open:25", "write:5000");
            var before = collect();
            resumeAndWait(p);
            var after = settle();
            String type = after.keySet().stream().filter(id -> id.startsWith("cgroup_") && id.contains("ebpfmon-group"))
                    .map(id -> id.substring(0, id.indexOf('.'))).findFirst().orElseThrow(
                            () -> new AssertionError("no cgroup chart for " + cgroup + " in " + after.keySet()));
            assertThat(delta(before, after, type + ".fd_open", "calls")).isEqualTo(25 + 1);
            assertThat(delta(before, after, type + ".vfs_write_bytes", "bytes")).isEqualTo(5000);
        } finally {
            PidTrackingKernelTest.removeCgroup(cgroup);
        }
    }

    @Test
    void tenThousandShortLivedProcessesLeaveNoEntryAndLoseNoCount() throws Exception {
        int n = 10_000;
        Process churn = startAs("wl-churn", Optional.empty(), "churn:" + n);
        var before = collect();
        resumeAndWait(churn);
        var after = settle();

        assertThat(delta(before, after, "apps.file_open", "churners")).as("one open per child").isEqualTo(n + 1);
        assertThat(delta(before, after, "apps.process_create", "churners")).isEqualTo(n);
        assertThat(delta(before, after, "apps.task_exit", "churners")).isEqualTo(n + 1);

        List<Integer> pids = new ArrayList<>(Files.readAllLines(dir.resolve("churn-pids")).stream()
                .map(Integer::parseInt).toList());
        pids.add((int) churn.pid());
        for (String map : List.of("fd_pid", "vfs_pid")) {
            assertThat(keys(modules.objects().map(SyscallDispatcher.OBJECT, map))).as(map).doesNotContainAnyElementsOf(pids);
        }
        assertThat(keys(modules.objects().map("process", "process_pid"))).doesNotContainAnyElementsOf(pids);
        assertThat(keys(modules.objects().map(PidTracking.OBJECT, PidTracking.MAP))).doesNotContainAnyElementsOf(pids);
    }

    private static List<Integer> keys(dev.ebpfmon.bpf.BpfMap map) throws Exception {
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
