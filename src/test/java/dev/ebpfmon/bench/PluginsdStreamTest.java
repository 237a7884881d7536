package dev.ebpfmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginsdStreamTest {
    private static final String TICK = """
            CHART netdata.ebpf_agent_cpu '' 'Agent CPU time.' 'percentage' 'ebpf' 'netdata.ebpf_agent_cpu' stacked 140014 1 '' 'ebpf.plugin' 'process'
            DIMENSION user '' incremental 100 100 ''
            DIMENSION system '' incremental 100 100 ''
            BEGIN vfs.read 1000000
            SET read = 17
            END
            BEGIN netdata.ebpf_agent_cpu 1000000
            SET user = 120
            SET system = 30
            END
            BEGIN netdata.ebpf_threads 1000000
            SET process = 1
            SET fd = 1
            SET socket = 0
            END
            """;

    @Test
    void keepsTheWatchedChartsAndWhenTheFirstTickEnded() throws Exception {
        long before = System.nanoTime();
        PluginsdStream stream = PluginsdStream.follow(new ByteArrayInputStream(TICK.getBytes(StandardCharsets.UTF_8)));
        long first = stream.awaitFirstEnd(10);
        assertThat(first).isGreaterThanOrEqualTo(before);
        waitForLines(stream, TICK.lines().count());

        PluginsdStream.Block cpu = stream.lastBefore(PluginsdStream.AGENT_CPU, Long.MAX_VALUE);
        assertThat(cpu.values()).isEqualTo(Map.of("user", 120L, "system", 30L));
        assertThat(stream.lastBefore(PluginsdStream.THREADS, Long.MAX_VALUE).values())
                .isEqualTo(Map.of("process", 1L, "fd", 1L, "socket", 0L));
        assertThat(stream.lastBefore("vfs.read", Long.MAX_VALUE)).as("not watched").isNull();
        assertThat(stream.blocks(PluginsdStream.AGENT_CPU, before, Long.MAX_VALUE)).hasSize(1);
        assertThat(stream.blocks(PluginsdStream.AGENT_CPU, cpu.nanos() + 1, Long.MAX_VALUE)).isEmpty();
        assertThat(stream.lastBefore(PluginsdStream.AGENT_CPU, before)).isNull();
    }

    @Test
    void noTickMeansNoFirstEnd() throws Exception {
        PluginsdStream stream = PluginsdStream.follow(new ByteArrayInputStream("DISABLE\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(stream.awaitFirstEnd(1)).isEqualTo(-1);
    }

    private static void waitForLines(PluginsdStream stream, long lines) throws InterruptedException {
        for (int i = 0; i < 500 && stream.lines() < lines; i++) {
            Thread.sleep(10);
        }
        assertThat(stream.lines()).isEqualTo(lines);
    }
}
