package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.CoreTracing;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.config.TypeFormat;
import dev.ebpfmon.kernel.AttachProbe;
import dev.ebpfmon.module.fd.FdCounter;
import dev.ebpfmon.module.fd.FdModule;
import dev.ebpfmon.module.process.ProcessCounter;
import dev.ebpfmon.module.process.ProcessModule;
import dev.ebpfmon.module.vfs.VfsCounter;
import dev.ebpfmon.module.vfs.VfsModule;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BPF: the process, fd and vfs modules loaded through the shared dispatcher count a known
 * workload exactly, for the workload's own PID, in both load modes.
 */
@Tag("kernel")
class SyscallModulesKernelTest {
    private static final String[] OPS = {"open:20", "fail-open:7", "close-bad:3", "write:30000", "read:30000",
        "bad-read:2", "bad-write:4", "unlink:5", "fsync:6", "fork:4"};
    /** open:20 + fail-open:7 + the data file opened by write, read and fsync */
    private static final long OPENS = 20 + 7 + 3;
    private static final long CLOSES = 20 + 3 + 3;

    static LoadedModules load(LoadMode mode) {
        var support = new AttachProbe(() -> EmbeddedObjects.bytes("feature_probe")).all();
        List<ModuleLoader.Request> requests = List.of(
                new ModuleLoader.Request(new ProcessModule(), settings("process", mode)),
                new ModuleLoader.Request(new FdModule(), settings("fd", mode)),
                new ModuleLoader.Request(new VfsModule(), settings("vfs", mode)));
        return new ModuleLoader(support, EmbeddedObjects::bytes).load(requests);
    }

    static ModuleSettings settings(String module, LoadMode mode) {
        return new ModuleSettings(module, true, mode, 1, 4096, false, false, TypeFormat.AUTO,
                CoreTracing.TRAMPOLINE, 300);
    }

    private record Deltas(long[] fd, long[] vfs, long[] process, int pid) {}

    private static Deltas run(LoadedModules modules, Path dir) throws Exception {
        PidCounters fd = new PidCounters(modules.objects().map("syscalls", "fd_pid"), FdCounter.COUNT);
        PidCounters vfs = new PidCounters(modules.objects().map("syscalls", "vfs_pid"), VfsCounter.COUNT);
        PidCounters process = new PidCounters(modules.objects().map("process", "process_pid"), ProcessCounter.COUNT);
        try (Workload workload = Workload.startStopped(dir, OPS)) {
            int pid = workload.pid();
            long[] fdBefore = fd.read(pid).orElse(new long[FdCounter.COUNT]);
            long[] vfsBefore = vfs.read(pid).orElse(new long[VfsCounter.COUNT]);
            long[] processBefore = process.read(pid).orElse(new long[ProcessCounter.COUNT]);
            assertThat(workload.resumeAndWait()).isZero();
            awaitRelease(process, pid, processBefore);
            return new Deltas(minus(fd.read(pid).orElseThrow(), fdBefore), minus(vfs.read(pid).orElseThrow(), vfsBefore),
                    minus(process.read(pid).orElseThrow(), processBefore), pid);
        }
    }

    /** The task is freed after an RCU grace period once it was reaped: wait for that count. */
    private static void awaitRelease(PidCounters process, int pid, long[] before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            long[] now = process.read(pid).orElse(before);
            if (now[ProcessCounter.TASK_RELEASE.id()] > before[ProcessCounter.TASK_RELEASE.id()]) {
                return;
            }
            Thread.sleep(10);
        }
    }

    private static long[] minus(long[] after, long[] before) {
        long[] d = new long[after.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }

    @Test
    void returnModeCountsCallsErrorsAndBytesExactly(@TempDir Path dir) throws Exception {
        try (LoadedModules modules = load(LoadMode.RETURN)) {
            assertThat(modules.statuses()).allSatisfy(s -> {
                assertThat(s.runs()).as(s.toString()).isTrue();
                assertThat(s.how()).contains("tp_btf");
            });
            Deltas d = run(modules, dir);

            assertThat(d.fd()).containsExactly(OPENS, 7, CLOSES, 3);

            long[] vfs = d.vfs();
            assertThat(vfs[VfsCounter.READ_CALL.id()]).isEqualTo(3 + 2);
            assertThat(vfs[VfsCounter.READ_BYTES.id()]).isEqualTo(30_000);
            assertThat(vfs[VfsCounter.READ_ERR.id()]).isEqualTo(2);
            assertThat(vfs[VfsCounter.WRITE_CALL.id()]).isEqualTo(3 + 4);
            assertThat(vfs[VfsCounter.WRITE_BYTES.id()]).isEqualTo(30_000);
            assertThat(vfs[VfsCounter.WRITE_ERR.id()]).isEqualTo(4);
            assertThat(vfs[VfsCounter.UNLINK_CALL.id()]).isEqualTo(5);
            assertThat(vfs[VfsCounter.UNLINK_ERR.id()]).isZero();
            assertThat(vfs[VfsCounter.FSYNC_CALL.id()]).isEqualTo(6);
            assertThat(vfs[VfsCounter.FSYNC_ERR.id()]).isZero();
            assertThat(vfs[VfsCounter.OPEN_CALL.id()]).isEqualTo(OPENS);
            assertThat(vfs[VfsCounter.OPEN_ERR.id()]).isEqualTo(7);
            assertThat(vfs[VfsCounter.CREATE_CALL.id()]).as("open:20 and write's O_CREAT").isEqualTo(21);
            assertThat(vfs[VfsCounter.CREATE_ERR.id()]).isZero();

            long[] process = d.process();
            assertThat(process[ProcessCounter.PROCESS_CREATE.id()]).isEqualTo(4);
            assertThat(process[ProcessCounter.THREAD_CREATE.id()]).isZero();
            assertThat(process[ProcessCounter.TASK_EXIT.id()]).as("the workload's own exit").isEqualTo(1);
            assertThat(process[ProcessCounter.TASK_RELEASE.id()]).isEqualTo(1);
            assertThat(process[ProcessCounter.PROCESS_ERR.id()]).isZero();
        }
    }

    @Test
    void entryModeCountsCallsAndRequestedBytes(@TempDir Path dir) throws Exception {
        try (LoadedModules modules = load(LoadMode.ENTRY)) {
            assertThat(modules.statuses()).allSatisfy(s -> assertThat(s.runs()).as(s.toString()).isTrue());
            Deltas d = run(modules, dir);

            assertThat(d.fd()).as("calls only: errors need return mode").containsExactly(OPENS, 0, CLOSES, 0);
            long[] vfs = d.vfs();
            assertThat(vfs[VfsCounter.READ_CALL.id()]).isEqualTo(5);
            assertThat(vfs[VfsCounter.READ_BYTES.id()]).as("asked for, including the failed 1-byte reads")
                    .isEqualTo(30_000 + 2);
            assertThat(vfs[VfsCounter.WRITE_CALL.id()]).isEqualTo(7);
            assertThat(vfs[VfsCounter.WRITE_BYTES.id()]).isEqualTo(30_000 + 4);
            assertThat(vfs[VfsCounter.READ_ERR.id()] + vfs[VfsCounter.WRITE_ERR.id()]).isZero();
            assertThat(vfs[VfsCounter.CREATE_CALL.id()]).isEqualTo(21);
            assertThat(d.process()[ProcessCounter.PROCESS_CREATE.id()]).isEqualTo(4);
        }
    }

    @Test
    void hostCountersIncludeTheWorkload(@TempDir Path dir) throws Exception {
        try (LoadedModules modules = load(LoadMode.RETURN)) {
            HostCounters host = new HostCounters(modules.objects().map("syscalls", "fd_global"), FdCounter.COUNT);
            long[] before = new long[FdCounter.COUNT];
            long[] after = new long[FdCounter.COUNT];
            host.read(before);
            run(modules, dir);
            host.read(after);
            assertThat(after[FdCounter.OPEN_CALL.id()] - before[FdCounter.OPEN_CALL.id()]).isGreaterThanOrEqualTo(OPENS);
            assertThat(after[FdCounter.OPEN_ERR.id()] - before[FdCounter.OPEN_ERR.id()]).isGreaterThanOrEqualTo(7);
        }
    }
}
