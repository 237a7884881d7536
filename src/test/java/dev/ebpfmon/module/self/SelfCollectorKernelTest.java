package dev.ebpfmon.module.self;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.bpf.BpfObject;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.ModuleLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real BPF: the self collector over the process, fd and vfs modules, with a known workload. */
@Tag("kernel")
class SelfCollectorKernelTest {
    private static final int CALLS = 50_000;

    @Test
    void reportsDispatcherRunsTicksTablesMemoryAndTheAgent(@TempDir Path dir) throws Exception {
        List<ModuleLoader.Request> requests = java.util.stream.Stream.of("process", "fd", "vfs")
                .map(m -> KernelTests.request(ModuleCatalog.find(m).orElseThrow(),
                        KernelTests.settings(m).withPidTableSize(4096).withGroups(true, false)))
                .toList();
        TickTimer timer = new TickTimer();
        try (LoadedModules modules = KernelTests.load(requests);
                SelfCollector self = SelfCollector.start(modules, timer, 1, Map.of(), true)) {
            assertThat(self.statsProblem()).isEmpty();
            assertThat(modules.objects().byName().values()).as("libbpf's side freed once attached: the charts below "
                    + "read maps and programs through fds of their own").isNotEmpty().allMatch(BpfObject::isReleased);
            assertThat(self.charts()).extracting(c -> c.context()).containsExactly("netdata.ebpf_program_runs",
                    "netdata.ebpf_program_time", "netdata.ebpf_tick_duration", "netdata.ebpf_maps_fill",
                    "netdata.ebpf_kernel_memory", "netdata.ebpf_hash_tables_count", "netdata.ebpf_agent_cpu",
                    "netdata.ebpf_agent_rss");
            Map<String, Map<String, Long>> before = byChart(self);

            Process workload = new ProcessBuilder(Path.of("target/native/ebpfmon-workload").toAbsolutePath().toString(),
                    dir.toString(), "loop-getpid:" + CALLS, "loop-open:1000").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                assertThat(workload.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                workload.destroyForcibly();
            }
            assertThat(workload.exitValue()).isZero();
            timer.start(5_000_000);
            timer.record(1_234_000, 6_000_000);
            timer.record(567_000, 6_400_000); // the CPU clock moved by 400 us since the tick before
            Map<String, Map<String, Long>> after = byChart(self);

            Map<String, Long> runs = after.get("ebpf_program_runs");
            assertThat(runs).containsOnlyKeys("sys_enter", "sched_process_fork", "process_sched_process_exit",
                    "sched_process_free", "sched_process_exec", "tasks_sched_process_exit");
            assertThat(runs.get("sys_enter") - before.get("ebpf_program_runs").get("sys_enter"))
                    .isGreaterThanOrEqualTo(CALLS + 2000);
            assertThat(after.get("ebpf_program_time").get("sys_enter"))
                    .isGreaterThan(before.get("ebpf_program_time").get("sys_enter"));
            assertThat(after.get("ebpf_tick_duration")).containsEntry("last", 567_000L).containsEntry("max", 1_234_000L)
                    .containsEntry("cpu", 400_000L);
            // the records (found through pid_slots) hold this JVM, the workload and whatever else ran meanwhile
            assertThat(after.get("ebpf_maps_fill")).containsOnlyKeys("pid_slots");
            assertThat(after.get("ebpf_maps_fill").get("pid_slots")).isPositive().isLessThanOrEqualTo(10_000);
            assertThat(after.get("ebpf_kernel_memory").get("memory_locked")).isGreaterThan(3 * 4096L * 8);
            assertThat(after.get("ebpf_hash_tables_count").get("hash_table")).isGreaterThanOrEqualTo(5);
            assertThat(after.get("ebpf_agent_rss").get("rss")).isGreaterThan(10L << 20);
            assertThat(after.get("ebpf_agent_cpu").get("user")).isGreaterThanOrEqualTo(before.get("ebpf_agent_cpu").get("user"));
        }
    }

    private static Map<String, Map<String, Long>> byChart(SelfCollector self) {
        Tick tick = new Tick();
        self.collect(tick);
        Map<String, Map<String, Long>> charts = new LinkedHashMap<>();
        for (Sample sample : tick.samples()) {
            Map<String, Long> values = new LinkedHashMap<>();
            for (int i = 0; i < sample.values().length; i++) {
                values.put(sample.chart().dimensions().get(i).id(), sample.values()[i]);
            }
            charts.put(sample.chart().id(), values);
        }
        return charts;
    }

    @Test
    void programChartsNeedTheStatisticsOn() throws Exception {
        List<ModuleLoader.Request> requests = List.of(KernelTests.request(ModuleCatalog.find("fd").orElseThrow(),
                KernelTests.settings("fd")));
        try (LoadedModules modules = KernelTests.load(requests);
                SelfCollector self = SelfCollector.start(modules, new TickTimer(), 1, Map.of(), false)) {
            boolean onAlready = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/bpf_stats_enabled")).strip()
                    .equals("1"); // another process may hold them on
            if (onAlready) {
                assertThat(self.charts()).extracting(c -> c.context()).contains("netdata.ebpf_program_time");
            } else {
                assertThat(self.charts()).extracting(c -> c.context()).doesNotContain("netdata.ebpf_program_runs",
                        "netdata.ebpf_program_time").contains("netdata.ebpf_tick_duration");
                assertThat(self.statsProblem()).get().asString().contains("--bpf-stats");
            }
        }
    }
}
