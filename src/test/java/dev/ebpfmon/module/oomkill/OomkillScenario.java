package dev.ebpfmon.module.oomkill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.ProcessRecord;
import dev.ebpfmon.module.Scenario;
import dev.ebpfmon.module.ScenarioRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Children of the workload in a memory cgroup the test limits are killed by the OOM killer: one
 * that runs out of memory itself, and one killed from the other child's allocation. Each kill
 * counts once, for the victim (a record of its own, named and placed in its cgroup as the victim
 * itself would have been), never for the workload nor for a child that ran out of memory and
 * survived. (The allocating child is sometimes killed as well, see ops/oomkill.c: the workload
 * then lists it among the victims, and it must count exactly one kill too.)
 */
public final class OomkillScenario implements Scenario {
    /** The children the OOM killer is made to kill: oom-self's and oom-other's victim. */
    private static final int KILLS = 2;
    private OomCgroups cgroups;

    @Override
    public List<String> ops() {
        return List.of("oom-self:1", "oom-other:1");
    }

    @Override
    public long[] expected(LoadMode mode) {
        return Scenario.of(OomkillCounter.class).toArray(); // the victims are its children
    }

    @Override
    public AutoCloseable prepare(Path dir) throws Exception {
        cgroups = OomCgroups.create(dir, "ebpfmon-oom-" + ProcessHandle.current().pid() + "-" + dir.getFileName());
        return cgroups;
    }

    @Override
    public void check(ScenarioRun run) throws Exception {
        List<Integer> victims = pids(run.dir().resolve("oom-victims"));
        assertThat(victims).as("victims listed by the workload").hasSizeBetween(KILLS, KILLS + 1);
        for (int victim : victims) {
            ProcessRecord record = ProcessRecord.read(run.modules(), victim)
                    .orElseThrow(() -> new AssertionError("no record of the victim " + victim));
            assertThat(record.counters(run.modules(), "oomkill")).as("kills of victim " + victim).containsExactly(1);
            assertThat(record.comm()).isEqualTo("ebpfmon-workloa");
            assertThat(record.ppid()).isEqualTo(run.pid());
            assertThat(record.cgroupId()).as("the victim's cgroup").isEqualTo(cgroups.id());
        }
        for (int trigger : pids(run.dir().resolve("oom-triggers"))) {
            ProcessRecord.read(run.modules(), trigger).ifPresent(r -> assertThat(r.counters(run.modules(), "oomkill"))
                    .as("kills of the child that ran out of memory").containsExactly(0));
        }
        assertThat(run.host()).as("host kills").isNotNull();
        assertThat(run.host()[OomkillCounter.KILLS.id()]).isGreaterThanOrEqualTo(victims.size());
    }

    /** The pids the workload appended to {@code file}; none when it wrote none (no file). */
    private static List<Integer> pids(Path file) throws Exception {
        if (!Files.exists(file)) {
            return List.of(); // oom-triggers, when the allocating child was killed as well
        }
        return Files.readAllLines(file).stream().map(Integer::parseInt).toList();
    }
}
