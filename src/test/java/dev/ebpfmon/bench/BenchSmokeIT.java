package dev.ebpfmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * `ebpfmon bench --smoke` from the packaged jar, on the real path: the agent started through
 * bin/ebpfmon, a small swarm, the kernel table with its floors derived from the agent's links.
 * Every row and table comes out (timings are not checked), and nothing is left behind: no floor
 * program, no agent, no swarm process, the kernel's process limits as they were.
 */
@Tag("kernel")
class BenchSmokeIT {
    private static final Path PID_MAX = Path.of("/proc/sys/kernel/pid_max");
    private static final Path THREADS_MAX = Path.of("/proc/sys/kernel/threads-max");

    @Test
    void smokeRunPrintsEveryTableAndLeavesNothingBehind() throws Exception {
        String pidMax = KernelLimits.read(PID_MAX);
        String threadsMax = KernelLimits.read(THREADS_MAX);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process bench = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                "target/ebpfmon.jar", BenchCommand.class.getName(), "--smoke").redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out;
        try {
            out = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bench.waitFor(180, TimeUnit.SECONDS)).isTrue();
        } finally {
            bench.destroyForcibly();
        }
        assertThat(bench.exitValue()).as(out).isZero();
        for (String row : List.of("| nothing |", "| floor-stock |", "| ebpfmon-stock |",
                "| floor-all |", "| ebpfmon-all |", "| ebpfmon-only-", "| ebpfmon-stock / floor-stock |",
                "| ebpfmon-all / floor-all |", "| 200 | 1 s | all | netdata |", "| 200 | 1 s | all | standalone |",
                "Modules running: ", "Kernel limits for the swarm: ", "CPU ms a tick by thread",
                "- 200, all, netdata: ")) {
            assertThat(out).contains(row);
        }
        assertThat(out).doesNotContain("NaN");
        assertThat(programsNamed("bench_floor")).as("floor programs left loaded").isZero();
        assertThat(processesMatching("ebpfmon-swarm")).as("swarm processes left").isZero();
        assertThat(processesMatching("ebpfmon-bench")).as("agents of the benchmark left running").isZero();
        assertThat(KernelLimits.read(PID_MAX)).isEqualTo(pidMax);
        assertThat(KernelLimits.read(THREADS_MAX)).isEqualTo(threadsMax);
    }

    private static long programsNamed(String name) throws Exception {
        Process p = new ProcessBuilder("bpftool", "prog", "show").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return text.lines().filter(l -> l.contains(" name " + name + " ")).count();
    }

    /** Processes whose command line mentions {@code text} (the benchmark's temp dir is named ebpfmon-bench*). */
    private static long processesMatching(String text) {
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> commandLine(p.pid()).contains(text)).count();
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "";
        }
    }
}
