package dev.ebpfmon.module.hardirq;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.EntryVisitor;
import dev.ebpfmon.bpf.MapReader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A per-CPU array of {@code struct hardirq_total} (handler nanoseconds, handler runs; hardirq.h)
 * read whole each tick into two arrays by index, summed over CPUs. Allocates nothing per read.
 */
final class HandlerTotals implements AutoCloseable {
    private static final int VALUE_SIZE = 2 * Long.BYTES;

    private final BpfMap map;
    private final MapReader reader;
    private final EntryVisitor visitor = this::visit;
    final long[] latencyNs;
    final long[] events;

    HandlerTotals(BpfMap map) {
        if (!map.isPerCpu() || map.valueSize() != VALUE_SIZE || map.keySize() != Integer.BYTES) {
            throw new IllegalArgumentException("map " + map.name() + " is not a per-CPU array of struct hardirq_total");
        }
        this.map = map;
        this.reader = new MapReader(map, map.maxEntries());
        this.latencyNs = new long[map.maxEntries()];
        this.events = new long[map.maxEntries()];
    }

    void read() {
        try {
            reader.forEach(visitor);
        } catch (BpfException e) {
            throw new IllegalStateException("reading " + map.name() + ": " + e.getMessage(), e);
        }
    }

    private void visit(MemorySegment keys, long keyOffset, MemorySegment values, long valueOffset) {
        int index = keys.get(ValueLayout.JAVA_INT_UNALIGNED, keyOffset);
        if (index >= 0 && index < events.length) {
            latencyNs[index] = map.sumPerCpu(values, valueOffset, 0);
            events[index] = map.sumPerCpu(values, valueOffset, Long.BYTES);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
