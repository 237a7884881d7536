package dev.ebpfmon.module.self;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.BpfObject;
import dev.ebpfmon.bpf.MapReader;
import dev.ebpfmon.kernel.KernelVersion;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real BPF: the kernel's element counts of a hash table (LRU, the kind most of ours are) as the
 * table is filled and emptied, against a walk of it; on a kernel before 6.6, the refusal that
 * sends the self collector back to walking.
 */
@Tag("kernel")
class MapElementCountsKernelTest {
    private static final boolean KERNEL_COUNTS = KernelVersion.parse(System.getProperty("os.version"))
            .orElseThrow().atLeast(6, 6);

    @Test
    void countsWhatATableHoldsAsAWalkDoes() throws Exception {
        if (!KERNEL_COUNTS) {
            assertThatThrownBy(MapElementCounts::open).isInstanceOf(BpfException.class)
                    .hasMessageContaining(MapElementCounts.OBJECT);
            return;
        }
        try (BpfObject object = BpfObject.open("maps_test", testObject("maps_test"));
                Arena arena = Arena.ofConfined()) {
            object.load();
            BpfMap pids = object.map("pids").orElseThrow();
            long[] ids = {pids.kernelId(), Long.MAX_VALUE};
            long[] elements = {-1, -7};
            try (MapElementCounts counts = MapElementCounts.open(); MapReader walk = new MapReader(pids, 1024)) {
                counts.count(ids, elements);
                assertThat(elements).containsExactly(0, -7); // a map the kernel does not list keeps its value

                MemorySegment key = arena.allocate(JAVA_INT);
                MemorySegment value = arena.allocate(pids.valueSize(), Long.BYTES);
                for (int i = 1; i <= 3_000; i++) {
                    key.set(JAVA_INT, 0, i);
                    pids.update(key, value, BpfMap.BPF_NOEXIST);
                }
                counts.count(ids, elements);
                assertThat(elements[0]).isEqualTo(3_000).isEqualTo(walk.forEach((k, ko, v, vo) -> { }));

                for (int i = 1; i <= 1_000; i++) {
                    key.set(JAVA_INT, 0, i);
                    pids.delete(key);
                }
                counts.count(ids, elements);
                assertThat(elements[0]).isEqualTo(2_000).isEqualTo(walk.forEach((k, ko, v, vo) -> { }));
            }
        }
    }

    private static byte[] testObject(String name) throws java.io.IOException {
        try (InputStream in = MapElementCountsKernelTest.class.getResourceAsStream("/bpf/" + name + ".bpf.o")) {
            assertThat(in).as(name + ".bpf.o on the test class path").isNotNull();
            return in.readAllBytes();
        }
    }
}
