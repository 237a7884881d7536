package dev.ebpfmon.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppGroupingTest {

    @TempDir
    Path dir;
    FakeProc proc;
    AppsGroups groups;

    @BeforeEach
    void setUp() {
        proc = new FakeProc(dir);
        groups = AppsGroups.parse(null, List.of("system: systemd", "ssh: sshd", "db: postgres",
                "-hidden: secretd", "kernel: kthreadd", "managers: supervisor"));
        proc.add(1, 0, "systemd", "/sbin/init", 0, "/", 1);
        proc.add(2, 0, "kthreadd", "", 0, "/", 1);
    }

    AppGrouping grouping(ProcessTable t) {
        AppGrouping g = new AppGrouping(groups, t);
        g.update(t.refresh());
        return g;
    }

    @Test
    void childrenInheritUnlessTheyMatchThemselves() {
        proc.add(10, 1, "sshd", "sshd", 0, "/", 5);
        proc.add(11, 10, "sshd", "sshd: alice", 0, "/", 6);
        proc.add(12, 11, "bash", "-bash", 1000, "/", 7);
        proc.add(13, 12, "postgres", "postgres -D x", 1000, "/", 8);
        proc.add(14, 13, "sort", "sort", 1000, "/", 9);
        ProcessTable t = new ProcessTable(dir);
        AppGrouping g = grouping(t);
        assertThat(g.groupOf(12).name()).isEqualTo("ssh");
        assertThat(g.groupOf(13).name()).isEqualTo("db");
        assertThat(g.groupOf(14).name()).isEqualTo("db");
    }

    @Test
    void initChildrenAndOrphansGoToOther() {
        proc.add(20, 1, "cron", "cron", 0, "/", 5);
        proc.add(21, 20, "sh", "sh -c job", 0, "/", 6);
        proc.add(22, 999, "lost", "lost", 0, "/", 7); // parent not listed
        ProcessTable t = new ProcessTable(dir);
        AppGrouping g = grouping(t);
        assertThat(g.groupOf(1).name()).isEqualTo("system"); // pid 1 has its own match...
        assertThat(g.groupOf(20).isOther()).isTrue();       // ...but never passes it on
        assertThat(g.groupOf(21).isOther()).isTrue();
        assertThat(g.groupOf(22).isOther()).isTrue();
        assertThat(g.groupOf(12345).isOther()).isTrue();
    }

    @Test
    void kernelThreadsFollowKthreadd() {
        proc.add(30, 2, "kworker/0:0", "", 0, "/", 5);
        AppGrouping g = grouping(new ProcessTable(dir));
        assertThat(g.groupOf(30).name()).isEqualTo("kernel");
    }

    @Test
    void managersDoNotPassTheirGroupOn() {
        groups = AppsGroups.parse(null, List.of("tools: supervisor", "managers: supervisor"));
        proc.add(40, 1, "supervisor", "supervisor", 0, "/", 5);
        proc.add(41, 40, "worker", "worker", 0, "/", 6);
        AppGrouping g = grouping(new ProcessTable(dir));
        assertThat(g.groupOf(40).name()).isEqualTo("tools");
        assertThat(g.groupOf(41).isOther()).isTrue();
    }

    @Test
    void hiddenGroupsStillHoldTheirProcessTrees() {
        proc.add(50, 1, "secretd", "secretd", 0, "/", 5);
        proc.add(51, 50, "helper", "helper", 0, "/", 6);
        AppGrouping g = grouping(new ProcessTable(dir));
        assertThat(g.groupOf(51).name()).isEqualTo("hidden");
        assertThat(g.groupOf(51).hidden()).isTrue();
    }

    @Test
    void childrenListedBeforeTheirParentsStillInherit() {
        // pids wrap, so a child can have a smaller pid than its parent
        proc.add(5000, 1, "sshd", "sshd", 0, "/", 5);
        proc.add(60, 5000, "bash", "bash", 0, "/", 6);
        proc.add(61, 60, "vim", "vim", 0, "/", 7);
        AppGrouping g = grouping(new ProcessTable(dir));
        assertThat(g.groupOf(61).name()).isEqualTo("ssh");
        assertThat(g.byGroup().get(groups.match(new ProcessInfo(0, 0, "sshd", "", 0, 0, "", 0)).orElseThrow()))
                .containsExactly(60, 61, 5000);
    }

    @Test
    void execIsRegroupedWhenTheTableNoticesIt() {
        proc.add(70, 1, "sshd", "sshd", 0, "/", 5);
        proc.add(71, 70, "bash", "bash", 0, "/", 6);
        ProcessTable t = new ProcessTable(dir, 0);
        AppGrouping g = grouping(t);
        assertThat(g.groupOf(71).name()).isEqualTo("ssh");
        proc.add(71, 70, "postgres", "postgres", 0, "/", 6);
        t.invalidate(71);
        g.update(t.refresh());
        assertThat(g.groupOf(71).name()).isEqualTo("db");
    }

    @Test
    void removedPidsAreForgottenAndReusedPidsRegrouped() {
        proc.add(80, 1, "sshd", "sshd", 0, "/", 5);
        proc.add(81, 80, "bash", "bash", 0, "/", 6);
        ProcessTable t = new ProcessTable(dir, 100);
        AppGrouping g = grouping(t);
        assertThat(g.groupOf(81).name()).isEqualTo("ssh");
        proc.remove(80);
        proc.add(81, 1, "bash", "bash", 0, "/", 99); // reused by an unrelated shell under init
        g.update(t.refresh());
        assertThat(g.groupOf(80).isOther()).isTrue();
        assertThat(g.byGroup()).doesNotContainKey(new AppGroup("ssh", false));
        assertThat(g.groupOf(81).isOther()).isTrue();
    }
}
