package dev.ebpfmon.module.oomkill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.KernelTests;
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
 * Real BPF: a workload under a name of its own (its apps_groups.conf group) forks a child that
 * joins a memory cgroup of the test's own, limited to {@link OomCgroups#LIMIT}, and runs out of
 * memory there: exactly one kill on its application's apps.oomkills dimension and on that
 * cgroup's oomkills chart; the host chart grows by at least one (other OOM kills may happen).
 */
@Tag("kernel")
class OomkillGroupsKernelTest {
    private static final Path WORKLOAD = Path.of("target/native/ebpfmon-workload").toAbsolutePath();
    /** A process name of this run only (comm: at most 15 characters). */
    private static final String NAME = "oom" + ProcessHandle.current().pid();
    private static final String APP = "oomapp";

    @TempDir
    Path dir;

    private LoadedModules modules;
    private GroupCollector groups;

    @BeforeEach
    void load() {
        OomkillModule module = new OomkillModule();
        modules = KernelTests.load(List.of(KernelTests.request(module,
                KernelTests.settings("oomkill").withGroups(true, true))));
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
    void aChildKilledInItsMemoryCgroupIsOneKillOfItsApplicationAndCgroup() throws Exception {
        try (OomCgroups cgroups = OomCgroups.create(dir, "ebpfmon-oomg-" + ProcessHandle.current().pid())) {
            Path link = dir.resolve(NAME);
            Files.createSymbolicLink(link, WORKLOAD);
            Process p = new ProcessBuilder(link.toString(), "--stop", dir.toString(), "oom-self:1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            awaitStopped(p.pid());

            Map<String, Map<String, Long>> before = collect();
            new ProcessBuilder("kill", "-CONT", String.valueOf(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("workload exit status").isZero();
            assertThat(Files.readAllLines(dir.resolve("oom-victims"))).as("victims").hasSize(1);
            Thread.sleep(200);
            collect(); // sees the victim's record marked exited
            Map<String, Map<String, Long>> after = collect(); // takes its last counts

            assertThat(delta(before, after, "apps.oomkills", APP)).as("apps.oomkills " + APP).isEqualTo(1);
            String cgroupName = cgroups.v2().getFileName().toString();
            String type = after.keySet().stream().filter(id -> id.startsWith("cgroup_") && id.contains(cgroupName))
                    .map(id -> id.substring(0, id.indexOf('.'))).findFirst()
                    .orElseThrow(() -> new AssertionError("no cgroup chart for " + cgroupName + " in " + after.keySet()));
            assertThat(delta(before, after, type + ".oomkills", "oomkill")).as(type + ".oomkills").isEqualTo(1);
            assertThat(delta(before, after, "mem.oomkills", "kills")).as("mem.oomkills").isGreaterThanOrEqualTo(1);
        }
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
