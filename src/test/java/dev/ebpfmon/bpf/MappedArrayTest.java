package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An mmapable array mapped a part at a time, against what the kernel's lookups and updates see. */
@Tag("kernel")
class MappedArrayTest {
    private static final int VALUE = 24;

    @Test
    void mapsOnlyWhatIsAskedForAndGrowsWithoutLosingWhatWasWritten() throws BpfException {
        try (BpfObject obj = TestObjects.open("ring_test"); Arena arena = Arena.ofConfined()) {
            obj.load();
            BpfMap map = obj.map("mapped").orElseThrow();
            MemorySegment key = arena.allocate(JAVA_INT);
            MemorySegment value = arena.allocate(VALUE, 8);
            try (MappedArray array = new MappedArray(map, 10)) {
                assertThat(array.stride()).isEqualTo(VALUE);
                assertThat(array.mapped()).as("a page's worth").isEqualTo(4096 / VALUE);
                assertThat(array.memory().byteSize()).isEqualTo(4096);
                array.memory().set(JAVA_LONG, 7 * VALUE + 8, 4242);
                assertThat(lookup(map, key, value, 7).get(JAVA_LONG, 8)).as("the kernel sees the write").isEqualTo(4242);

                array.cover(5000);
                assertThat(array.mapped()).isBetween(5000, 5000 + 4096 / VALUE);
                assertThat(array.memory().get(JAVA_LONG, 7 * VALUE + 8)).as("kept across the remap").isEqualTo(4242);
                key.set(JAVA_INT, 0, 4999);
                value.fill((byte) 0);
                value.set(JAVA_LONG, 16, 99);
                map.update(key, value, BpfMap.BPF_ANY);
                assertThat(array.memory().get(JAVA_LONG, 4999L * VALUE + 16)).as("this process sees the kernel's")
                        .isEqualTo(99);

                int before = array.mapped();
                array.cover(100);
                assertThat(array.mapped()).as("never shrinks").isEqualTo(before);
                array.cover(before + 1);
                assertThat(array.mapped()).as("doubles, at most all").isEqualTo(Math.min(10_000, 2 * before));
                array.cover(1_000_000);
                assertThat(array.mapped()).isEqualTo(10_000);
            }
        }
    }

    private static MemorySegment lookup(BpfMap map, MemorySegment key, MemorySegment value, int index)
            throws BpfException {
        key.set(JAVA_INT, 0, index);
        assertThat(map.lookup(key, value)).isTrue();
        return value;
    }
}
