package dev.ebpfmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The user side: for each population size, one swarm of that many live processes, and under it
 * the agent in each configuration and mode, one after the other (never two agents at once). The
 * kernel's process limits are raised for the swarm and put back afterwards.
 */
final class UserBench {
    private final UserRun.Plan plan;
    private final Path swarmBinary;
    private final Optional<Integer> swarmPeriodMs;

    /** @param swarmPeriodMs the swarm's period; empty: {@link #defaultPeriodMs} */
    UserBench(UserRun.Plan plan, Path swarmBinary, Optional<Integer> swarmPeriodMs) {
        this.plan = plan;
        this.swarmBinary = swarmBinary;
        this.swarmPeriodMs = swarmPeriodMs;
    }

    /**
     * @param each called with every result as soon as it is measured (a long run shows progress)
     * @return what was changed in the kernel's limits, for the report
     */
    String run(List<Integer> populations, List<AgentConfig> configs, List<AgentProcess.Mode> modes,
            Consumer<UserRun.Result> each) throws Exception {
        Path file = plan.workDir().resolve("swarm-file");
        Files.writeString(file, "ebpfmon-swarm reads these bytes once a second\n".repeat(4));
        int largest = populations.stream().mapToInt(Integer::intValue).max().orElse(0);
        try (KernelLimits raised = KernelLimits.raiseFor(largest)) {
            for (int processes : populations) {
                try (Swarm swarm = Swarm.start(swarmBinary, processes, file, swarmPeriodMs.orElse(defaultPeriodMs(processes)))) {
                    for (AgentConfig config : configs) {
                        for (AgentProcess.Mode mode : modes) {
                            each.accept(new UserRun(plan).run(config, mode, swarm));
                        }
                    }
                }
            }
            return raised.describe();
        } finally {
            deleteQuietly(file);
        }
    }

    /**
     * One millisecond per process, at least a second: 1,000 wake-ups a second in all. On our 2-core
     * VM a wake-up costs 20-90 µs of CPU, more as processes are added (1,000 processes once a second
     * keep 2 % of the machine busy, 3,000 13 %), and 10,000 once a second overwhelm it (load average
     * 6,900, 8,000 tasks waiting to run): beyond 1,000 processes, each runs less often by default.
     */
    static int defaultPeriodMs(int processes) {
        return Math.max(1000, processes);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file; the directory is removed at the end anyway
        }
    }
}
