package dev.ebpfmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The user side's warm-up: by collections of each configuration unless seconds are given. */
class UserRunPlanTest {
    private static UserRun.Plan plan(OptionalInt seconds, int ticks) {
        return new UserRun.Plan(Path.of("bin/ebpfmon"), Path.of("/tmp"), seconds, ticks, 600, 120, Optional.empty());
    }

    @Test
    void byCollectionsAConfigurationOfFiveSecondTicksWarmsFiveTimesAsLong() {
        UserRun.Plan plan = plan(OptionalInt.empty(), 100);
        assertThat(plan.warmupSeconds(AgentConfig.everything())).isEqualTo(100);
        assertThat(plan.warmupSeconds(AgentConfig.stock())).isEqualTo(500);
        assertThat(plan.describeWarmup(List.of(AgentConfig.stock(), AgentConfig.everything())))
                .isEqualTo("a warm-up of 100 collections (at least 60 s) from agent start: stock 500 s, all 100 s");
    }

    @Test
    void fewCollectionsStillLeaveTheJvmAMinute() {
        assertThat(plan(OptionalInt.empty(), 10).warmupSeconds(AgentConfig.everything()))
                .isEqualTo(UserRun.Plan.MIN_WARMUP_SECONDS);
        assertThat(plan(OptionalInt.empty(), 20).warmupSeconds(AgentConfig.stock())).isEqualTo(100);
    }

    @Test
    void secondsGivenHoldForEveryConfiguration() {
        UserRun.Plan plan = plan(OptionalInt.of(3), 100);
        assertThat(plan.warmupSeconds(AgentConfig.stock())).isEqualTo(3);
        assertThat(plan.warmupSeconds(AgentConfig.everything())).isEqualTo(3);
        assertThat(plan.describeWarmup(List.of(AgentConfig.stock()))).isEqualTo("3 s warm-up from agent start");
    }
}
