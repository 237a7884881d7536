package dev.ebpfmon.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {

    @TempDir
    Path dir;
    FakeProc proc;

    @BeforeEach
    void setUp() throws Exception {
        proc = new FakeProc(dir);
        Files.createDirectories(dir.resolve("self"));
        Files.writeString(dir.resolve("meminfo"), "MemTotal: 1 kB\n");
        proc.add(1, 0, "systemd", "/sbin/init splash", 0, "/init.scope", 10);
    }

    @Test
    void readsEveryFieldOfNewProcesses() {
        proc.add(42, 1, "sshd", "sshd: /usr/sbin/sshd -D", 0, "/system.slice/ssh.service", 500);
        ProcessTable t = new ProcessTable(dir);
        Refresh r = t.refresh();
        assertThat(r.added()).containsExactlyInAnyOrder(1, 42);
        assertThat(r.removed()).isEmpty();
        assertThat(t.get(42)).contains(new ProcessInfo(42, 1, "sshd", "sshd: /usr/sbin/sshd -D", 0, 5,
                "/system.slice/ssh.service", 500));
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void commWithSpacesAndParenthesesIsReadWhole() {
        proc.add(7, 1, "a) (b c", "x", 1000, "/", 3);
        ProcessTable t = new ProcessTable(dir);
        t.refresh();
        assertThat(t.get(7).orElseThrow().comm()).isEqualTo("a) (b c");
        assertThat(t.get(7).orElseThrow().ppid()).isEqualTo(1);
    }

    @Test
    void reportsGonePidsAndKeepsQuietInSteadyState() {
        proc.add(42, 1, "sleep", "sleep 10", 1000, "/", 500);
        ProcessTable t = new ProcessTable(dir);
        t.refresh();
        assertThat(t.refresh().isEmpty()).isTrue();
        proc.remove(42);
        Refresh r = t.refresh();
        assertThat(r.removed()).containsExactly(42);
        assertThat(t.get(42)).isEmpty();
    }

    @Test
    void aPidThatVanishesBeforeItsFilesAreReadIsNotAddedAndIsRetried() {
        // listed by readdir but its files are gone (or not there yet)
        proc.write(dir.resolve("77").resolve("cmdline"), "");
        ProcessTable t = new ProcessTable(dir);
        assertThat(t.refresh().added()).containsExactly(1);
        assertThat(t.get(77)).isEmpty();
        proc.add(77, 1, "late", "late", 0, "/", 9);
        assertThat(t.refresh().added()).containsExactly(77);
    }

    @Test
    void aCutShortStatIsNotAProcessYet() {
        proc.write(dir.resolve("88").resolve("stat"), "88 (trunc) S 1 2 3");
        ProcessTable t = new ProcessTable(dir);
        assertThat(t.refresh().added()).containsExactly(1);
        proc.write(dir.resolve("88").resolve("stat"), "88 (trunc");
        assertThat(t.refresh().added()).isEmpty();
    }

    @Test
    void missingSideFilesGiveDefaultsNotErrors() throws Exception {
        proc.add(50, 1, "odd", "odd --x", 1000, "/x", 7);
        Files.delete(dir.resolve("50/status"));
        Files.delete(dir.resolve("50/cgroup"));
        Files.delete(dir.resolve("50/cmdline"));
        ProcessTable t = new ProcessTable(dir);
        t.refresh();
        assertThat(t.get(50)).contains(new ProcessInfo(50, 1, "odd", "", -1, -1, "", 7));
    }

    @Test
    void kernelThreadsAndZombiesHaveNoCommandLine() {
        proc.add(2, 0, "kthreadd", "", 0, "/", 1);
        proc.add(60, 2, "kworker/0:1-events", 'I', "", 0, "/", 2);
        proc.add(61, 1, "defunct", 'Z', "", 1000, "/user.slice", 3);
        ProcessTable t = new ProcessTable(dir);
        t.refresh();
        ProcessInfo kworker = t.get(60).orElseThrow();
        assertThat(kworker.cmdline()).isEmpty();
        assertThat(kworker.kernelThread()).isTrue();
        assertThat(kworker.cmdlineOrComm()).isEqualTo("kworker/0:1-events");
        assertThat(t.get(61).orElseThrow().uid()).isEqualTo(1000);
        assertThat(t.get(61).orElseThrow().kernelThread()).isFalse();
    }

    @Test
    void revisitsCatchExecAndPidReuse() {
        proc.add(42, 1, "bash", "bash -c x", 1000, "/", 500);
        proc.add(43, 1, "bash", "bash", 1000, "/", 501);
        ProcessTable t = new ProcessTable(dir, 10);
        t.refresh();
        proc.add(42, 1, "postgres", "postgres -D /data", 1000, "/", 500); // same process after exec
        proc.add(43, 1, "nginx", "nginx", 33, "/", 900);                   // a new process, same pid
        Refresh r = t.refresh();
        assertThat(r.changed()).containsExactly(42);
        assertThat(r.removed()).containsExactly(43);
        assertThat(r.added()).containsExactly(43);
        assertThat(t.get(42).orElseThrow().cmdline()).isEqualTo("postgres -D /data");
        assertThat(t.get(43).orElseThrow().startTime()).isEqualTo(900);
        assertThat(t.refresh().isEmpty()).isTrue();
    }

    @Test
    void withoutRevisitsOnlyInvalidateRereads() {
        proc.add(42, 1, "bash", "bash -c x", 1000, "/", 500);
        ProcessTable t = new ProcessTable(dir, 0);
        t.refresh();
        proc.add(42, 1, "postgres", "postgres", 1000, "/db", 500);
        assertThat(t.refresh().isEmpty()).isTrue();
        assertThat(t.get(42).orElseThrow().comm()).isEqualTo("bash");
        t.invalidate(42);
        t.invalidate(4242); // unknown: ignored
        assertThat(t.refresh().changed()).containsExactly(42);
        assertThat(t.get(42).orElseThrow().cgroupPath()).isEqualTo("/db");
    }

    @Test
    void revisitsGoRoundRobinWithinTheirBudget() {
        for (int pid = 100; pid < 110; pid++) {
            proc.add(pid, 1, "w", "w", 0, "/", pid);
        }
        ProcessTable t = new ProcessTable(dir, 2);
        t.refresh();
        for (int pid = 100; pid < 110; pid++) {
            proc.add(pid, 1, "w2", "w2", 0, "/", pid);
        }
        int seen = 0;
        for (int tick = 0; tick < 6; tick++) {
            List<Integer> changed = t.refresh().changed();
            assertThat(changed.size()).isLessThanOrEqualTo(2);
            seen += changed.size();
        }
        assertThat(seen).isEqualTo(10);
    }

    @Test
    void anUnlistableRootIsASetupError() {
        ProcessTable t = new ProcessTable(dir.resolve("nope"));
        assertThatThrownBy(t::refresh).isInstanceOf(UncheckedIOException.class).hasMessageContaining("nope");
    }

    @Test
    void parsesOnlyPlainPids() {
        assertThat(ProcessTable.parsePid("123")).isEqualTo(123);
        assertThat(ProcessTable.parsePid("self")).isEqualTo(-1);
        assertThat(ProcessTable.parsePid("12a")).isEqualTo(-1);
        assertThat(ProcessTable.parsePid("")).isEqualTo(-1);
        assertThat(ProcessTable.parsePid("99999999999")).isEqualTo(-1);
    }

    @Test
    void findsThisJvmInTheRealProc() throws Exception {
        int self = (int) ProcessHandle.current().pid();
        ProcessTable t = new ProcessTable();
        t.refresh();
        ProcessInfo me = t.get(self).orElseThrow();
        assertThat(me.comm()).isEqualTo("java");
        assertThat(me.ppid()).isEqualTo((int) ProcessHandle.current().parent().orElseThrow().pid());
        assertThat(me.cmdline()).contains("java");
        String v2 = Files.readAllLines(Path.of("/proc/self/cgroup")).stream().filter(l -> l.startsWith("0::"))
                .findFirst().orElseThrow().substring(3);
        assertThat(me.cgroupPath()).isEqualTo(v2);
        assertThat(t.size()).isGreaterThan(1);
    }
}
