package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ThreadCpuClockTest {
    @Test
    void countsTheCallingThreadsCpuNotTheWallClock() throws InterruptedException {
        ThreadCpuClock clock = new ThreadCpuClock();
        long start = clock.nanos();
        Thread.sleep(300); // wall time passes, CPU time hardly
        long asleep = clock.nanos() - start;
        long spinStart = clock.nanos();
        long wallStart = System.nanoTime();
        long x = 0;
        while (System.nanoTime() - wallStart < 200_000_000L) {
            x += x * 31 + 7;
        }
        long spinning = clock.nanos() - spinStart;
        assertThat(x).isNotZero();
        assertThat(asleep).isLessThan(50_000_000L);
        assertThat(spinning).isBetween(20_000_000L, 260_000_000L);
        // the same clock the JDK reads for this thread
        long jdk = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        assertThat(Math.abs(jdk - clock.nanos())).isLessThan(50_000_000L);
    }
}
