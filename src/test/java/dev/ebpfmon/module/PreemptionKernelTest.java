package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.bpf.GracePeriod;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.fd.FdCounter;
import dev.ebpfmon.module.loader.LoadedModules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BPF, counts that many CPUs update at once: threads opening and closing in one process, beside
 * a CPU hog on every CPU so that the counting threads get preempted, must add exactly their calls to
 * the process's record. The kernel matrix runs it on a PREEMPT_RT kernel, where BPF programs on
 * syscalls run preemptible: this is what says whether the hot path needs its atomic adds, and that
 * a process with one thread, whose counts take plain adds, takes locked ones again once it has more.
 */
@Tag("kernel")
class PreemptionKernelTest {
    private static final int PER_THREAD = 200_000;
    /**
     * Seconds the workload may take: a CPU's share beside its hog, under QEMU's emulation in the kernel
     * matrix, took more than 30 s for the 400,000 pairs of two threads (5.10, CI-like load).
     */
    private static final int WAIT_SECONDS = 300;
    private final int cpus = Runtime.getRuntime().availableProcessors();

    @Test
    void everyCpuCountingIntoOneRecordLosesNothing(@TempDir Path dir) throws Exception {
        assertExactBesideHogs(dir, "cpu-open", (long) cpus * PER_THREAD);
    }

    /**
     * The process counts alone (plain adds where the agent allows them), then beside a thread per CPU
     * of its own (locked adds: a plain one would lose some of the others' adds), then alone again.
     */
    @Test
    void aProcessGainingAndLosingThreadsLosesNothing(@TempDir Path dir) throws Exception {
        assertThat(GracePeriod.unavailable()).as("plain adds are what this test is for").isEmpty();
        assertExactBesideHogs(dir, "grow-open", (3L + cpus) * PER_THREAD);
    }

    private void assertExactBesideHogs(Path dir, String op, long expected) throws Exception {
        List<Process> hogs = new ArrayList<>();
        try (LoadedModules modules = KernelTests.load(List.of(KernelTests.request(ModuleCatalog.find("fd").orElseThrow(),
                KernelTests.settings("fd").withLoadMode(LoadMode.RETURN).withGroups(true, false))))) {
            assertThat(modules.statuses().getFirst().runs()).as(modules.statuses().toString()).isTrue();
            for (int i = 0; i < cpus; i++) {
                hogs.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
            try (Workload workload = Workload.startStopped(dir, op + ":" + PER_THREAD)) {
                int pid = workload.pid();
                long[] before = ProcessRecord.read(modules, pid).map(r -> r.counters(modules, "fd"))
                        .orElse(new long[FdCounter.COUNT]);
                long started = System.nanoTime();
                assertThat(workload.resumeAndWait(WAIT_SECONDS)).isZero();
                System.out.printf("%s:%d on %d CPUs beside %d CPU hogs: %d ms%n", op, PER_THREAD, cpus, cpus,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                long[] after = ProcessRecord.read(modules, pid).orElseThrow().counters(modules, "fd");
                long[] counts = new long[after.length];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = after[i] - before[i];
                }
                assertThat(counts[FdCounter.OPEN_CALL.id()]).isEqualTo(expected);
                assertThat(counts[FdCounter.CLOSE_CALL.id()]).isEqualTo(expected);
                assertThat(counts[FdCounter.OPEN_ERR.id()] + counts[FdCounter.CLOSE_ERR.id()]).isZero();
            }
        } finally {
            for (Process hog : hogs) {
                hog.destroyForcibly();
                hog.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
