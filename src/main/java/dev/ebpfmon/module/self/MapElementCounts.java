package dev.ebpfmon.module.self;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfIterator;
import dev.ebpfmon.bpf.BpfLink;
import dev.ebpfmon.bpf.BpfObject;
import dev.ebpfmon.module.loader.EmbeddedObjects;
import java.lang.foreign.MemorySegment;

/**
 * The elements of BPF maps as the kernel counts them: from 6.6 every hash table keeps a per-CPU
 * count, which the map_counts iterator (src/main/bpf/core/map_counts.bpf.c) reads for every map
 * in one pass. Counting a table by a batch walk visits and locks each of its buckets, empty or
 * not: about 10 ms for the 89,000 buckets of the hash tables of everything on (BENCHMARKS.md),
 * where this costs a few syscalls and a counter per CPU per map.
 */
final class MapElementCounts implements AutoCloseable {
    static final String OBJECT = "map_counts";
    private static final String PROGRAM = "count_map_elements";
    /** struct map_count: the map's id (u32), padding, its elements (s64). */
    private static final long ROW_BYTES = 16;
    private static final long ELEMENTS_OFFSET = 8;

    private final BpfObject object;
    private final BpfIterator iterator;

    private MapElementCounts(BpfObject object, BpfIterator iterator) {
        this.object = object;
        this.iterator = iterator;
    }

    /**
     * Loads and attaches the iterator.
     *
     * @throws BpfException where the kernel refuses it (before 6.6 it has no bpf_map_sum_elem_count)
     */
    static MapElementCounts open() throws BpfException {
        BpfObject object = BpfObject.open(OBJECT, EmbeddedObjects.bytes(OBJECT));
        try {
            object.load();
            BpfLink link = object.program(PROGRAM).orElseThrow(
                    () -> new IllegalStateException(OBJECT + " has no program " + PROGRAM)).attach();
            return new MapElementCounts(object, new BpfIterator(link, 4096));
        } catch (BpfException | RuntimeException e) {
            object.close();
            throw e;
        }
    }

    /**
     * Sets {@code elements[i]} to the elements of the map whose kernel id is {@code ids[i]}; a map
     * the kernel no longer lists keeps its value.
     */
    void count(long[] ids, long[] elements) throws BpfException {
        MemorySegment rows = iterator.run();
        for (long at = 0; at + ROW_BYTES <= rows.byteSize(); at += ROW_BYTES) {
            long id = Integer.toUnsignedLong(rows.get(JAVA_INT, at));
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == id) {
                    elements[i] = rows.get(JAVA_LONG, at + ELEMENTS_OFFSET);
                }
            }
        }
    }

    @Override
    public void close() {
        iterator.close();
        object.close();
    }
}
