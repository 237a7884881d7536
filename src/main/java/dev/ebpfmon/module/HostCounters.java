package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Host-wide counters of a module: a per-CPU array with one slot holding all of them (the C macro
 * COUNTERS), read with one lookup and summed over CPUs. Buffers are allocated once; a read
 * allocates nothing.
 */
public final class HostCounters implements AutoCloseable {
    private final BpfMap map;
    private final int counters;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key;
    private final MemorySegment values;

    public HostCounters(BpfMap map, int counters) {
        if (!map.isPerCpu() || map.valueSize() != counters * Long.BYTES) {
            throw new IllegalArgumentException("map " + map.name() + " is not a per-CPU slot of "
                    + counters + " u64 counters (value size " + map.valueSize() + ")");
        }
        this.map = map;
        this.counters = counters;
        this.key = arena.allocate(ValueLayout.JAVA_INT);
        this.values = arena.allocate(map.valueBufferSize(), Long.BYTES);
    }

    public int size() {
        return counters;
    }

    /** Fills {@code into[0..size)} with each counter summed over CPUs. */
    public void read(long[] into) {
        try {
            if (!map.lookup(key, values)) {
                java.util.Arrays.fill(into, 0, counters, 0);
                return;
            }
        } catch (BpfException e) {
            throw new IllegalStateException("reading " + map.name() + ": " + e.getMessage(), e);
        }
        for (int id = 0; id < counters; id++) {
            into[id] = map.sumPerCpu(values, (long) id * Long.BYTES);
        }
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
