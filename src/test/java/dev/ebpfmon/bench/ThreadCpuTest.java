package dev.ebpfmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** ThreadCpu reads this JVM's own threads: a thread that spins shows with what it spun. */
class ThreadCpuTest {
    @Test
    void aSpinningThreadShowsUnderItsNameWithItsCpuTime() throws Exception {
        long pid = ProcessHandle.current().pid();
        ThreadCpu before = ThreadCpu.of(pid);
        Thread spinner = Thread.ofPlatform().name("spin-for-test").start(() -> {
            long end = System.nanoTime() + 200_000_000L;
            long x = 0;
            while (System.nanoTime() < end) {
                x += System.nanoTime() & 1;
            }
            if (x == 42) {
                System.out.println(); // keeps the loop from being optimised away
            }
        });
        Thread.sleep(100);
        ThreadCpu during = ThreadCpu.of(pid); // the spinner is alive here: its time is read
        spinner.join();
        Map<String, Long> spent = during.since(before);
        assertThat(spent).containsKey("spin-for-test");
        assertThat(spent.get("spin-for-test")).as("a thread started since counts from zero")
                .isBetween(20_000_000L, 2_000_000_000L);
        assertThat(spent.values()).allMatch(n -> n > 0);
        long previous = Long.MAX_VALUE;
        for (long n : spent.values()) {
            assertThat(n).as("largest first").isLessThanOrEqualTo(previous);
            previous = n;
        }
    }

    @Test
    void rendersMillisecondsPerTick() {
        Map<String, Long> spent = new java.util.LinkedHashMap<>();
        spent.put("java", 690_000_000L);
        spent.put("VM Thread", 31_000_000L);
        assertThat(ThreadCpu.render(spent, 100)).isEqualTo("java 6.90, VM Thread 0.31");
    }
}
