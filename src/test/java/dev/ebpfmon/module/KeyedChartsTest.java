package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Tick;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Charts per key: made once, retired once their key went unseen for long enough. */
class KeyedChartsTest {
    private final KeyedCharts<String> disks = new KeyedCharts<>(3, disk -> List.of(Chart.builder("disk_latency_io", disk)
            .title("Disk latency").units("calls/s").dimensions(Dimension.incremental("x")).build()));

    private Tick tick(String... seen) {
        Tick tick = new Tick();
        disks.startTick();
        for (String disk : seen) {
            disks.seen(disk);
        }
        disks.endTick(tick);
        return tick;
    }

    @Test
    void aKeyKeepsItsChartsAndLosesThemWhenUnseen() {
        tick("sda", "sdb");
        List<Chart> sda = disks.seen("sda");
        assertThat(disks.seen("sda")).isSameAs(sda);
        assertThat(tick("sda").retired()).isEmpty();
        assertThat(tick("sda").retired()).isEmpty();
        assertThat(tick("sda").retired()).extracting(Chart::fullId).containsExactly("disk_latency_io.sdb");
        assertThat(disks.size()).isEqualTo(1);
        assertThat(tick().retired()).isEmpty();
    }
}
