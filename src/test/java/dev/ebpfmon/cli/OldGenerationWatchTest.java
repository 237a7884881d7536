package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OldGenerationWatchTest {
    private static final long MIB = 1 << 20;

    private long used;
    private long live;
    private int collections;

    private final OldGenerationWatch watch = new OldGenerationWatch(() -> used, () -> {
        collections++;
        used = live;
    });

    @Test
    void collectsOnlyOnceTheHeadroomAboveTheLastLiveSetIsUsed() {
        live = 10 * MIB;
        used = 12 * MIB;
        assertThat(watch.check()).as("12 MiB: within 16 MiB of nothing").isFalse();
        used = 17 * MIB;
        assertThat(watch.check()).isTrue();
        assertThat(used).isEqualTo(10 * MIB);
        used = 26 * MIB;
        assertThat(watch.check()).as("10 MiB live + 16 MiB of headroom").isFalse();
        used = 26 * MIB + 1;
        assertThat(watch.check()).isTrue();
        assertThat(collections).isEqualTo(2);
    }

    @Test
    void aGrowingLiveSetRaisesTheMark() {
        live = 40 * MIB;
        used = 41 * MIB;
        assertThat(watch.check()).isTrue();
        used = 50 * MIB;
        assertThat(watch.check()).as("40 MiB live now").isFalse();
        assertThat(collections).isEqualTo(1);
    }

    @Test
    void thisJvmsOldGenerationIsFoundUnderTheSerialCollectorTheLaunchersUse() {
        // the test JVM runs with the default collector; the pool names differ but one is old
        assertThat(OldGenerationWatch.ofThisJvm()).isPresent();
    }
}
