package dev.ebpfmon.module.self;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SelfUnitTest {
    private static final Path SOURCE = Path.of("/proc/42");

    @Test
    void tickTimerKeepsTheLastWallAndCpuTimeAndTheLongestSinceTheLastRead() {
        TickTimer timer = new TickTimer();
        timer.start(1_000);
        timer.record(300, 1_030);
        timer.record(900, 1_120);
        timer.record(200, 1_140);
        assertThat(timer.readAndReset()).as("CPU from one tick's end to the next's")
                .isEqualTo(new TickTimer.Reading(200, 900, 20, 3));
        timer.record(100, 1_150);
        assertThat(timer.readAndReset()).isEqualTo(new TickTimer.Reading(100, 100, 10, 4));
        assertThat(timer.readAndReset()).isEqualTo(new TickTimer.Reading(100, 0, 10, 4));
        assertThatThrownBy(() -> timer.record(-1, 1_160)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timer.record(1, 1_149)).as("a CPU clock that went back")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void processUsageSurvivesCommandNamesWithSpacesAndParentheses() {
        String stat = "42 (java (x) y) S 1 42 42 0 -1 4194560 100 0 0 0 731 122 0 0 20 0 30 0 9 1 2 3";
        String status = "Name:\tjava\nVmPeak:\t  900 kB\nVmRSS:\t  81920 kB\nThreads:\t30\n";
        ProcessUsage usage = ProcessUsage.parse(stat, status, SOURCE);
        assertThat(usage).isEqualTo(new ProcessUsage(731, 122, 81920L * 1024));
        assertThat(usage.cpuNanos()).isEqualTo(8_530_000_000L);
    }

    @Test
    void processUsageRejectsWhatItCannotRead() {
        assertThatThrownBy(() -> ProcessUsage.parse("42 java S 1", "", SOURCE)).hasMessageContaining("no command name");
        assertThatThrownBy(() -> ProcessUsage.parse("42 (java) S 1 2", "", SOURCE)).hasMessageContaining("utime is 14th");
        assertThatThrownBy(() -> ProcessUsage.parse("42 (j) S 1 42 42 0 -1 4 1 0 0 0 7 1 0",
                "VmRSS:\t12 MB\n", SOURCE)).hasMessageContaining("unexpected VmRSS");
        assertThat(ProcessUsage.parse("42 (kworker) I 2 0 0 0 -1 4 0 0 0 0 5 6 0", "Name:\tkworker\n", SOURCE).rssBytes())
                .isZero();
    }

    @Test
    void thisProcessIsReadable() {
        ProcessUsage self = ProcessUsage.self();
        assertThat(self.rssBytes()).isPositive();
        assertThat(self.userTicks() + self.systemTicks()).isPositive();
    }
}
