package dev.ebpfmon.module.mdflush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** One dimension per md device, named as Netdata names it; a device gone loses it. */
class MdflushCollectorTest {
    private static int md(int minor) {
        return 9 << MdDevices.MINOR_BITS | minor;
    }

    private final Map<Integer, Long> counts = new TreeMap<>();
    private final List<Integer> existing = new ArrayList<>(List.of(md(0), md(127)));
    private final List<Integer> forgotten = new ArrayList<>();
    private final MdflushCollector collector = new MdflushCollector(new FlushCounts() {
        @Override
        public void each(Device device) {
            counts.forEach(device::counted);
        }

        @Override
        public boolean exists(int dev) {
            return existing.contains(dev);
        }

        @Override
        public void forget(int dev) {
            forgotten.add(dev);
            counts.remove(dev);
        }
    }, 1);

    private Tick tick() {
        Tick tick = new Tick();
        collector.collect(tick);
        return tick;
    }

    @Test
    void flushesPerMdDevice() {
        assertThat(tick().samples()).as("no flush yet, no chart").isEmpty();
        counts.put(md(127), 5L);
        counts.put(md(0), 2L);
        Tick tick = tick();
        assertThat(tick.samples()).singleElement().satisfies(s -> {
            assertThat(s.chart()).isEqualTo(MdflushModule.chart(List.of("md0", "md127"), 1));
            assertThat(s.chart().fullId()).isEqualTo("mdstat.mdstat_flush");
            assertThat(s.chart().context()).isEqualTo("md.flush");
            assertThat(s.values()).containsExactly(2, 5);
        });
    }

    @Test
    void aStoppedArrayLosesItsDimensionAndItsCount() {
        counts.put(md(127), 5L);
        counts.put(md(0), 2L);
        tick();
        existing.remove(Integer.valueOf(md(127)));
        Tick tick = tick();
        assertThat(forgotten).containsExactly(md(127));
        assertThat(tick.samples()).singleElement().satisfies(s -> {
            assertThat(s.chart().dimensions()).extracting(d -> d.id()).containsExactly("md0");
            assertThat(s.values()).containsExactly(2);
        });
    }
}
