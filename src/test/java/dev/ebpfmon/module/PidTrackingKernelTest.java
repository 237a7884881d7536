package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.CoreTracing;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.config.TypeFormat;
import dev.ebpfmon.kernel.AttachProbe;
import dev.ebpfmon.module.fd.FdModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real BPF: pid_info records a process's name after exec, its parent and the cgroup it ran in. */
@Tag("kernel")
class PidTrackingKernelTest {
    private static LoadedModules loadFdWithApps() {
        var support = new AttachProbe(() -> EmbeddedObjects.bytes("feature_probe")).all();
        ModuleSettings fd = new ModuleSettings("fd", true, LoadMode.ENTRY, 1, 4096, true, true, TypeFormat.AUTO,
                CoreTracing.TRAMPOLINE, 300);
        return new ModuleLoader(support, EmbeddedObjects::bytes).load(List.of(new ModuleLoader.Request(new FdModule(), fd)));
    }

    @Test
    void aProcessIsKnownByItsNameAfterExecItsParentAndItsCgroup(@TempDir Path dir) throws Exception {
        Path cgroup = cgroup2Mount().resolve("ebpfmon-test-" + ProcessHandle.current().pid());
        Files.createDirectory(cgroup);
        try (LoadedModules modules = loadFdWithApps();
                PidInfoTable table = new PidInfoTable(modules.objects().map(PidTracking.OBJECT, PidTracking.MAP))) {
            assertThat(modules.statuses()).allSatisfy(s -> assertThat(s.how()).contains("sched_process_exec"));
            String script = "echo $$ > " + cgroup.resolve("cgroup.procs") + " && exec "
                    + Workload.BINARY.toAbsolutePath() + " " + dir + " open:3";
            Process shell = new ProcessBuilder("sh", "-c", script).inheritIO().start();
            assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(shell.exitValue()).isZero();
            int pid = (int) shell.pid();

            table.refresh();
            PidInfo info = table.get(pid).orElseThrow();
            assertThat(info.comm()).isEqualTo("ebpfmon-workloa"); // TASK_COMM_LEN is 16
            assertThat(info.ppid()).isEqualTo((int) ProcessHandle.current().pid());
            assertThat(info.cgroupId()).isEqualTo(((Number) Files.getAttribute(cgroup, "unix:ino")).longValue());
            assertThat(info.exited()).isTrue();

            table.forget(List.of(pid));
            table.refresh();
            assertThat(table.get(pid)).isEmpty();
        } finally {
            removeCgroup(cgroup);
        }
    }

    /** Where cgroup v2 is mounted: /sys/fs/cgroup, or /sys/fs/cgroup/unified on hybrid systems like ours. */
    static Path cgroup2Mount() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" "))
                .filter(f -> f.length > 2 && f[2].equals("cgroup2")).map(f -> Path.of(f[1])).findFirst()
                .orElseThrow(() -> new IllegalStateException("cgroup v2 is not mounted"));
    }

    /** A cgroup can be removed once its last task is freed, which happens a little after reaping. */
    static void removeCgroup(Path cgroup) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                Files.delete(cgroup);
                return;
            } catch (java.nio.file.FileSystemException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
