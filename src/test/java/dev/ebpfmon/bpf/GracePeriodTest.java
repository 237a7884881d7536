package dev.ebpfmon.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** membarrier(2) as the agent uses it: on our machines (no nohz_full, no seccomp filter) it is offered and returns. */
class GracePeriodTest {
    @Test
    void aGracePeriodIsWaitedForWithinASecond() {
        assertThat(GracePeriod.unavailable()).isEmpty();
        long started = System.nanoTime();
        GracePeriod.await();
        GracePeriod.await();
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(1));
    }
}
