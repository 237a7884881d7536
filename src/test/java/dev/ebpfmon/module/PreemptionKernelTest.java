package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Real BPF, counts that many CPUs update at once: one thread per CPU opening and closing in one
 * process, beside a CPU hog on every CPU so that the counting threads get preempted, must add
 * exactly their calls to the process's record and at least as much to the host's per-CPU slots.
 * The kernel matrix runs it on a PREEMPT_RT kernel, where BPF programs on syscalls run preemptible:
 * this is what says whether the hot path needs its atomic adds.
 */
@Tag("kernel")
class PreemptionKernelTest {
    private static final int PER_THREAD = 200_000;
    /**
     * Seconds the workload may take: a CPU's share beside its hog, under QEMU's emulation in the kernel
     * matrix, took more than 30 s for the 400,000 pairs of two threads (5.10, CI-like load).
     */
    private static final int WAIT_SECONDS = 300;

    @Test
    void everyCpuCountingIntoOneRecordLosesNothing(@TempDir Path dir) throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        List<Process> hogs = new ArrayList<>();
        try (LoadedModules modules = KernelTests.load(List.of(KernelTests.request(ModuleCatalog.find("fd").orElseThrow(),
                KernelTests.settings("fd").withLoadMode(LoadMode.RETURN).withGroups(true, false))))) {
            assertThat(modules.statuses().getFirst().runs()).as(modules.statuses().toString()).isTrue();
            for (int i = 0; i < cpus; i++) {
                hogs.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
            try (Workload workload = Workload.startStopped(dir, "cpu-open:" + PER_THREAD)) {
                int pid = workload.pid();
                long[] before = ProcessRecord.read(modules, pid).map(r -> r.counters(modules, "fd"))
                        .orElse(new long[FdCounter.COUNT]);
                long started = System.nanoTime();
                assertThat(workload.resumeAndWait(WAIT_SECONDS)).isZero();
                System.out.printf("%d threads x %d open+close beside %d CPU hogs: %d ms%n", cpus, PER_THREAD, cpus,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                long[] after = ProcessRecord.read(modules, pid).orElseThrow().counters(modules, "fd");
                long[] counts = new long[after.length];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = after[i] - before[i];
                }
                long expected = (long) cpus * PER_THREAD;
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
