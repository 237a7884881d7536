package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Host-wide counters of a module: a per-CPU array of u64, one slot per counter id, summed over
 * CPUs. Buffers are allocated once; a read allocates nothing.
 */
public final class HostCounters {
    private final BpfMap map;
    private final int counters;
    private final MemorySegment key;
    private final MemorySegment values;

    public HostCounters(BpfMap map, int counters) {
        if (!map.isPerCpu() || map.valueSize() != Long.BYTES || map.maxEntries() < counters) {
            throw new IllegalArgumentException("map " + map.name() + " is not a per-CPU array of "
                    + counters + " u64 counters");
        }
        this.map = map;
        this.counters = counters;
        Arena arena = Arena.ofAuto();
        this.key = arena.allocate(ValueLayout.JAVA_INT);
        this.values = arena.allocate(map.valueBufferSize(), Long.BYTES);
    }

    public int size() {
        return counters;
    }

    /** Fills {@code into[0..size)} with each counter summed over CPUs. */
    public void read(long[] into) {
        for (int id = 0; id < counters; id++) {
            key.set(ValueLayout.JAVA_INT, 0, id);
            try {
                into[id] = map.lookup(key, values) ? map.sumPerCpu(values, 0) : 0;
            } catch (BpfException e) {
                throw new IllegalStateException("reading " + map.name() + ": " + e.getMessage(), e);
            }
        }
    }
}
