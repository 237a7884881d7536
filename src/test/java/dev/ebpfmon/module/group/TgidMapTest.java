package dev.ebpfmon.module.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TgidMapTest {
    @Test
    void agreesWithHashMapUnderChurn() {
        TgidMap<String> map = new TgidMap<>();
        Map<Integer, String> model = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            // ids from a small range so that puts, removes and probe runs collide often
            int tgid = 1 + random.nextInt(step < 100_000 ? 5_000 : 60_000);
            switch (random.nextInt(3)) {
                case 0 -> {
                    map.put(tgid, "v" + step);
                    model.put(tgid, "v" + step);
                }
                case 1 -> {
                    map.remove(tgid);
                    model.remove(tgid);
                }
                default -> assertThat(map.get(tgid)).isEqualTo(model.get(tgid));
            }
            assertThat(map.size()).isEqualTo(model.size());
        }
        for (int tgid = 1; tgid <= 60_000; tgid++) {
            assertThat(map.get(tgid)).as("tgid %d", tgid).isEqualTo(model.get(tgid));
        }
    }

    @Test
    void removingEverythingEmptiesIt() {
        TgidMap<Integer> map = new TgidMap<>();
        for (int tgid = 1; tgid <= 10_000; tgid++) {
            map.put(tgid, tgid);
        }
        for (int tgid = 10_000; tgid >= 1; tgid--) {
            map.remove(tgid);
            assertThat(map.get(tgid)).isNull();
        }
        assertThat(map.size()).isZero();
        map.remove(7); // absent: nothing happens
        assertThat(map.size()).isZero();
    }

    @Test
    void tgidZeroIsRefused() {
        assertThatThrownBy(() -> new TgidMap<String>().put(0, "idle")).isInstanceOf(IllegalArgumentException.class);
    }
}
