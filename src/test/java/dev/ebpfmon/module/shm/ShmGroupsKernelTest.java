package dev.ebpfmon.module.shm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.ProcessRecord;
import dev.ebpfmon.module.group.GroupCollector;
import dev.ebpfmon.module.loader.LoadedModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BPF: a workload under a name of its own (its apps_groups.conf group) and in a cgroup of the
 * test's own makes N of each shared memory call: exactly N on its application's apps.shm*_call
 * dimension, on its cgroup's charts and in its own process's counters; the host chart grows by at
 * least as much (other processes may use shared memory meanwhile).
 */
@Tag("kernel")
class ShmGroupsKernelTest {
    private static final int N = 9;
    private static final Path WORKLOAD = Path.of("target/native/ebpfmon-workload").toAbsolutePath();
    /** A process name of this run only (comm: at most 15 characters). */
    private static final String NAME = "shm" + ProcessHandle.current().pid();
    private static final String APP = "shmapp";
    private static final List<String> CALLS = List.of("shmget", "shmat", "shmdt", "shmctl");

    @TempDir
    Path dir;

    private LoadedModules modules;
    private GroupCollector groups;

    @BeforeEach
    void load() {
        ShmModule module = new ShmModule();
        modules = KernelTests.load(List.of(KernelTests.request(module, KernelTests.settings("shm").withGroups(true, true))));
        assertThat(modules.statuses()).allSatisfy(s -> assertThat(s.runs()).as(s.toString()).isTrue());
        AppsGroups apps = AppsGroups.parse(dir.resolve("apps_groups.conf"), List.of(APP + ": " + NAME));
        assertThat(apps.problems()).isEmpty();
        groups = GroupCollector.of(modules, apps, false).orElseThrow();
    }

    @AfterEach
    void close() {
        groups.close();
        modules.close();
    }

    @Test
    void aNamedProcessInItsOwnCgroupIsCountedExactlyPerApplicationCgroupAndProcess() throws Exception {
        Path cgroup = KernelTests.cgroup2Mount().resolve("ebpfmon-shm-" + ProcessHandle.current().pid());
        Files.createDirectory(cgroup);
        try {
            Path link = dir.resolve(NAME);
            Files.createSymbolicLink(link, WORKLOAD);
            String script = "echo $$ > " + cgroup.resolve("cgroup.procs") + " && exec " + link + " --stop " + dir
                    + " shm-calls:" + N;
            Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            awaitStopped(p.pid());

            Map<String, Map<String, Long>> before = collect();
            long[] processBefore = processCounters((int) p.pid());
            new ProcessBuilder("kill", "-CONT", String.valueOf(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            long[] processAfter = processCounters((int) p.pid());
            Thread.sleep(200);
            collect(); // sees the record marked exited
            Map<String, Map<String, Long>> after = collect(); // takes its last counts

            for (int i = 0; i < ShmCounter.COUNT; i++) {
                assertThat(processAfter[i] - processBefore[i]).as("the process's own " + CALLS.get(i)).isEqualTo(N);
            }
            for (String call : CALLS) {
                assertThat(delta(before, after, "apps." + call + "_call", APP)).as("apps." + call + "_call")
                        .isEqualTo(N);
            }
            String type = after.keySet().stream().filter(id -> id.startsWith("cgroup_") && id.contains("ebpfmon-shm"))
                    .map(id -> id.substring(0, id.indexOf('.'))).findFirst()
                    .orElseThrow(() -> new AssertionError("no cgroup chart for " + cgroup + " in " + after.keySet()));
            Map<String, String> cgroupDimensions = Map.of("shmget", "get", "shmat", "at", "shmdt", "dt", "shmctl", "ctl");
            cgroupDimensions.forEach((call, dimension) -> assertThat(delta(before, after, type + "." + call + "_call",
                    dimension)).as(type + "." + call + "_call").isEqualTo(N));
            for (String dimension : List.of("get", "at", "dt", "ctl")) {
                assertThat(delta(before, after, "system.shared_memory_calls", dimension))
                        .as("system.shared_memory_calls " + dimension).isGreaterThanOrEqualTo(N);
            }
        } finally {
            KernelTests.removeCgroup(cgroup);
        }
    }

    private long[] processCounters(int pid) {
        return ProcessRecord.read(modules, pid).map(r -> r.counters(modules, "shm")).orElse(new long[ShmCounter.COUNT]);
    }

    /** One tick of the host collector and the group collector: chart id -> dimension name -> value. */
    private Map<String, Map<String, Long>> collect() {
        Tick tick = new Tick();
        modules.running().getFirst().collector().collect(tick);
        groups.collect(tick);
        Map<String, Map<String, Long>> values = new HashMap<>();
        for (Sample s : tick.samples()) {
            Map<String, Long> row = values.computeIfAbsent(s.chart().fullId(), k -> new HashMap<>());
            for (int i = 0; i < s.values().length; i++) {
                row.put(s.chart().dimensions().get(i).name(), s.values()[i]);
            }
        }
        return values;
    }

    private static long delta(Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after, String chart,
            String dimension) {
        return after.getOrDefault(chart, Map.of()).getOrDefault(dimension, 0L)
                - before.getOrDefault(chart, Map.of()).getOrDefault(dimension, 0L);
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
}
