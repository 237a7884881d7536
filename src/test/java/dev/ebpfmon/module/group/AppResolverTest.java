package dev.ebpfmon.module.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.apps.AppGroup;
import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.apps.FakeProc;
import dev.ebpfmon.apps.ProcessInfo;
import dev.ebpfmon.apps.ProcessLookup;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Netdata's grouping rules over processes the kernel described and ancestors read from a fake /proc. */
class AppResolverTest {
    @TempDir
    Path dir;
    private FakeProc proc;
    private AppsGroups groups;
    private final Map<Integer, AppResolver.Known> known = new HashMap<>();

    @BeforeEach
    void setUp() {
        proc = new FakeProc(dir);
        groups = AppsGroups.parse(null, List.of("system: systemd", "ssh: sshd", "db: postgres",
                "-hidden: secretd", "kernel: kthreadd", "tools: supervisor", "managers: supervisor"));
        proc.add(1, 0, "systemd", "/sbin/init", 0, "/", 1);
        proc.add(2, 0, "kthreadd", "", 0, "/", 1);
    }

    /** The group of a process the kernel described with this name and parent. */
    private AppGroup group(int pid, int ppid, String comm) {
        AppResolver resolver = new AppResolver(groups, new ProcessLookup(dir));
        return resolver.groupOf(resolver.describe(pid, ppid, comm), known::get);
    }

    @Test
    void aProcessMatchingAPatternIsInItsGroup() {
        assertThat(group(13, 12, "postgres").name()).isEqualTo("db");
        assertThat(group(1, 0, "systemd").name()).isEqualTo("system");
    }

    @Test
    void childrenInheritFromAncestorsReadFromProc() {
        proc.add(10, 1, "sshd", "sshd", 0, "/", 5);
        proc.add(11, 10, "sshd", "sshd: alice", 0, "/", 6);
        proc.add(12, 11, "bash", "-bash", 1000, "/", 7);
        assertThat(group(20, 12, "sort").name()).isEqualTo("ssh");
    }

    @Test
    void aResolvedParentPassesItsGroupOnWithoutReadingProc() {
        known.put(50, new AppResolver.Known(new ProcessInfo(50, 1, "worker", "", -1, -1, "", 0),
                new AppGroup("db", false)));
        assertThat(group(51, 50, "sort").name()).isEqualTo("db");
    }

    @Test
    void childrenOfInitAndOrphansGoToOther() {
        assertThat(group(20, 1, "cron").isOther()).isTrue();
        assertThat(group(22, 999, "lost").isOther()).as("parent not in /proc").isTrue();
    }

    @Test
    void kernelThreadsFollowKthreadd() {
        assertThat(group(30, 2, "kworker/0:0").name()).isEqualTo("kernel");
    }

    @Test
    void managersDoNotPassTheirGroupOn() {
        proc.add(40, 1, "supervisor", "supervisor", 0, "/", 5);
        assertThat(group(40, 1, "supervisor").name()).isEqualTo("tools");
        assertThat(group(41, 40, "worker").isOther()).isTrue();
    }

    @Test
    void hiddenGroupsStillHoldTheirProcessTrees() {
        proc.add(50, 1, "secretd", "secretd", 0, "/", 5);
        AppGroup g = group(51, 50, "helper");
        assertThat(g.name()).isEqualTo("hidden");
        assertThat(g.hidden()).isTrue();
    }

    @Test
    void theCommandLineIsReadForPatternsThatSearchIt() {
        groups = AppsGroups.parse(null, List.of("jobs: *batchjob*"));
        proc.add(60, 1, "python3", "python3 /opt/batchjob.py", 0, "/", 5);
        assertThat(group(60, 1, "python3").name()).isEqualTo("jobs");
    }
}
