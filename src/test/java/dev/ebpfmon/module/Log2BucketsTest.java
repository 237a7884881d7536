package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Algorithm;
import org.junit.jupiter.api.Test;

/** The bucket names of Netdata's latency charts (its reference lists all 24). */
class Log2BucketsTest {
    @Test
    void namesAreNetdatas() {
        assertThat(Log2Buckets.names()).hasSize(24).startsWith("0us->1us", "1us->2us", "2us->4us")
                .contains("256us->512us", "512us->1ms", "1ms->2ms", "32ms->65ms", "65ms->131ms", "524ms->1s", "1s->2s")
                .endsWith("2s->4s", "4s->+Inf");
        assertThat(Log2Buckets.dimensions()).allSatisfy(d -> {
            assertThat(d.algorithm()).isEqualTo(Algorithm.INCREMENTAL);
            assertThat(d.id()).isEqualTo(d.name());
        });
    }
}
