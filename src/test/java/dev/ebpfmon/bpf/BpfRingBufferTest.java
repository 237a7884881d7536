package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ring read from its mapped memory, against records a real BPF program wrote. */
@Tag("kernel")
class BpfRingBufferTest {
    /**
     * A record of 4 bytes takes 16 in the ring (8-byte header, rounded up to 8); the kernel keeps
     * what is written below the ring's size, so 255 fit in its page, not 256.
     */
    private static final int RECORDS_PER_RING = 4096 / 16 - 1;

    private final Arena arena = Arena.ofConfined();
    private BpfObject obj;
    private BpfProgram write;
    private MemorySegment ctx;

    @BeforeEach
    void load() throws BpfException {
        obj = TestObjects.open("ring_test");
        obj.load();
        write = obj.program("write_value").orElseThrow();
        ctx = arena.allocate(2 * Long.BYTES, Long.BYTES);
    }

    @AfterEach
    void close() {
        obj.close();
        arena.close();
    }

    @Test
    void everyRecordArrivesInOrderAcrossManyWrapsAndDiscardedOnesAreSkipped() throws BpfException {
        List<Integer> read = new ArrayList<>();
        List<Integer> written = new ArrayList<>();
        try (BpfRingBuffer ring = new BpfRingBuffer(obj.map("ring").orElseThrow())) {
            assertThat(ring.drainInts(read::add)).isZero();
            int value = 0;
            for (int round = 0; round < 40; round++) { // 40 rounds of 100: the ring wraps about 15 times
                for (int i = 0; i < 100; i++, value++) {
                    boolean discard = value % 7 == 3;
                    ctx.setAtIndex(JAVA_LONG, 0, value);
                    ctx.setAtIndex(JAVA_LONG, 1, discard ? 1 : 0);
                    assertThat(write.testRun(ctx, 0).retval()).as("written, the ring has room").isZero();
                    if (!discard) {
                        written.add(value);
                    }
                }
                int before = read.size();
                assertThat(ring.drainInts(read::add)).isEqualTo(read.size() - before);
            }
            assertThat(read).isEqualTo(written);
        }
    }

    @Test
    void aFullRingRefusesTheWriterAndTakesItAgainOnceDrained() throws BpfException {
        try (BpfRingBuffer ring = new BpfRingBuffer(obj.map("ring").orElseThrow())) {
            int refused = 0;
            for (int value = 0; value < RECORDS_PER_RING + 10; value++) {
                ctx.setAtIndex(JAVA_LONG, 0, value);
                refused += write.testRun(ctx, 0).retval();
            }
            assertThat(refused).as("writes past the ring's room").isEqualTo(10);
            List<Integer> read = new ArrayList<>();
            assertThat(ring.drainInts(read::add)).isEqualTo(RECORDS_PER_RING);
            assertThat(read).first().isEqualTo(0);
            assertThat(read).last().isEqualTo(RECORDS_PER_RING - 1);
            ctx.setAtIndex(JAVA_LONG, 0, 12345);
            assertThat(write.testRun(ctx, 0).retval()).as("room again after the drain").isZero();
            read.clear();
            ring.drainInts(read::add);
            assertThat(read).containsExactly(12345);
        }
    }

    @Test
    void aMapOfAnotherKindIsRefused() throws BpfException {
        try (BpfObject maps = TestObjects.open("maps_test")) {
            maps.load();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BpfRingBuffer(maps.map("results").orElseThrow()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a ring buffer");
        }
    }
}
