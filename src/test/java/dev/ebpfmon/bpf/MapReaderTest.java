package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("kernel")
class MapReaderTest {
    private static final int ENTRIES = 10_000;

    private final Arena arena = Arena.ofAuto();
    private BpfObject obj;
    private BpfMap pids;

    @BeforeEach
    void load() throws BpfException {
        obj = TestObjects.open("maps_test");
        obj.load();
        pids = obj.map("pids").orElseThrow();
    }

    @AfterEach
    void close() {
        obj.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 256, 4096, 20_000})
    void batchReadSeesEveryEntryOnce(int entriesPerBatch) throws BpfException {
        Map<Integer, Long> written = fillPids(ENTRIES);
        try (MapReader reader = new MapReader(pids, entriesPerBatch)) {
            Map<Integer, Long> read = new HashMap<>();
            int visited = reader.forEach((keys, k, values, v) -> {
                Long previous = read.put(keys.get(JAVA_INT, k), values.get(JAVA_LONG, v + 8));
                assertThat(previous).isNull();
            });
            assertThat(visited).isEqualTo(ENTRIES);
            assertThat(read).isEqualTo(written);
            // a second pass over the same buffers reads the same
            assertThat(reader.forEach((keys, k, values, v) -> { })).isEqualTo(ENTRIES);
            if (entriesPerBatch == 1) { // 10,000 entries in 16,384 buckets: some share one
                assertThat(reader.entriesPerBatch()).isGreaterThan(1);
            }
        }
    }

    @Test
    void keyByKeyPathReadsTheSame() throws BpfException {
        Map<Integer, Long> written = fillPids(2_000);
        try (MapReader reader = new MapReader(pids, 64, false)) {
            Map<Integer, Long> read = new HashMap<>();
            assertThat(reader.forEach((keys, k, values, v) -> read.put(keys.get(JAVA_INT, k),
                    values.get(JAVA_LONG, v + 8)))).isEqualTo(2_000);
            assertThat(read).isEqualTo(written);
        }
    }

    @Test
    void emptyMapVisitsNothing() throws BpfException {
        try (MapReader batch = new MapReader(pids, 16); MapReader keyByKey = new MapReader(pids, 16, false)) {
            assertThat(batch.forEach((keys, k, values, v) -> { throw new AssertionError("visited"); })).isZero();
            assertThat(keyByKey.forEach((keys, k, values, v) -> { throw new AssertionError("visited"); })).isZero();
        }
    }

    @Test
    void arrayMapsAreReadInBatchesToo() throws BpfException {
        BpfMap results = obj.map("results").orElseThrow();
        MemorySegment key = arena.allocate(JAVA_INT);
        MemorySegment value = arena.allocate(JAVA_LONG);
        for (int i = 0; i < 8; i++) {
            key.set(JAVA_INT, 0, i);
            value.set(JAVA_LONG, 0, 100L + i);
            results.update(key, value, BpfMap.BPF_ANY);
        }
        try (MapReader reader = new MapReader(results, 3)) {
            long[] seen = new long[8];
            assertThat(reader.forEach((keys, k, values, v) -> seen[keys.get(JAVA_INT, k)] = values.get(JAVA_LONG, v)))
                    .isEqualTo(8);
            assertThat(seen).containsExactly(100, 101, 102, 103, 104, 105, 106, 107);
        }
    }

    @Test
    void perCpuArrayBatchValuesCarryEveryCpu() throws BpfException {
        BpfMap percpu = obj.map("percpu").orElseThrow();
        MemorySegment key = arena.allocate(JAVA_INT);
        MemorySegment values = arena.allocate(percpu.valueBufferSize(), 8);
        for (int cpu = 0; cpu < Bpf.possibleCpus(); cpu++) {
            values.set(JAVA_LONG, cpu * percpu.perCpuValueStride(), 10);
        }
        key.set(JAVA_INT, 0, 2);
        percpu.update(key, values, BpfMap.BPF_ANY);
        try (MapReader reader = new MapReader(percpu, 2)) {
            long[] sums = new long[4];
            assertThat(reader.forEach((keys, k, vals, v) -> sums[keys.get(JAVA_INT, k)] = percpu.sumPerCpu(vals, v, 0)))
                    .isEqualTo(4);
            assertThat(sums).containsExactly(0, 0, 10L * Bpf.possibleCpus(), 0);
        }
    }

    @Test
    void deleteKeysSkipsKeysAlreadyGone() throws BpfException {
        fillPids(100);
        MemorySegment keys = arena.allocate(JAVA_INT, 60);
        for (int i = 0; i < 60; i++) {
            keys.setAtIndex(JAVA_INT, i, i * 2); // 0..118: keys >= 100 are not in the map
        }
        try (MapReader batch = new MapReader(pids, 64); MapReader keyByKey = new MapReader(pids, 64, false)) {
            assertThat(batch.deleteKeys(keys, 60)).isEqualTo(50);
            assertThat(batch.forEach((k, ko, v, vo) -> assertThat(k.get(JAVA_INT, ko) % 2).isOne())).isEqualTo(50);

            keys.setAtIndex(JAVA_INT, 0, 1);
            keys.setAtIndex(JAVA_INT, 1, 2);
            keys.setAtIndex(JAVA_INT, 2, 3);
            assertThat(keyByKey.deleteKeys(keys, 3)).isEqualTo(2);
            assertThat(batch.forEach((k, ko, v, vo) -> { })).isEqualTo(48);
        }
    }

    @Test
    void readingAllocatesNothingPerCall() throws BpfException {
        fillPids(1_000);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long[] sum = new long[1];
        EntryVisitor visitor = (keys, k, values, v) -> sum[0] += values.get(JAVA_LONG, v);
        try (MapReader batch = new MapReader(pids, 256); MapReader keyByKey = new MapReader(pids, 256, false)) {
            for (MapReader reader : new MapReader[] {batch, keyByKey}) {
                for (int i = 0; i < 3_000; i++) { // let the JIT compile the loop
                    reader.forEach(visitor);
                }
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 200; i++) {
                    reader.forEach(visitor);
                }
                long allocated = threads.getThreadAllocatedBytes(thread) - before;
                // measured 0; the smallest object is 16 bytes, so one per call would be 3,200
                assertThat(allocated).as("bytes allocated by 200 forEach calls").isLessThan(1024);
            }
        }
        assertThat(sum[0]).isPositive();
    }

    /** key i -> {calls = i, bytes = 3 i} */
    private Map<Integer, Long> fillPids(int count) throws BpfException {
        MemorySegment key = arena.allocate(JAVA_INT);
        MemorySegment value = arena.allocate(16, 8);
        Map<Integer, Long> written = new HashMap<>();
        for (int i = 0; i < count; i++) {
            key.set(JAVA_INT, 0, i);
            value.set(JAVA_LONG, 0, i);
            value.set(JAVA_LONG, 8, 3L * i);
            pids.update(key, value, BpfMap.BPF_NOEXIST);
            written.put(i, 3L * i);
        }
        return written;
    }
}
