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
    private final long stride;
    private final int cpus;

    public HostCounters(BpfMap map, int counters) {
        if (!map.isPerCpu() || map.valueSize() != Long.BYTES || map.maxEntries() < counters) {
            throw new IllegalArgumentException("map " + map.name() + " is not a per-CPU array of "
                    + counters + " u64 counters");
        }
        this.map = map;
        this.counters = counters;
        Arena arena = Arena.ofAuto();
        this.key = arena.allocate(ValueLayout.JAVA_INT);
        this.stride = map.perCpuValueStride();
        this.cpus = map.perCpuValueCount();
        this.values = arena.allocate(stride * cpus, Long.BYTES);
    }

    public int size() {
        return counters;
    }

    /** Fills {@code into[0..size)} with each counter summed over CPUs. */
    public void read(long[] into) {
        for (int id = 0; id < counters; id++) {
            key.set(ValueLayout.JAVA_INT, 0, id);
            try {
                into[id] = map.lookup(key, values) ? sum() : 0;
            } catch (BpfException e) {
                throw new IllegalStateException("reading " + map.name() + ": " + e.getMessage(), e);
            }
        }
    }

    private long sum() {
        long total = 0;
        for (int cpu = 0; cpu < cpus; cpu++) {
            total += values.get(ValueLayout.JAVA_LONG, cpu * stride);
        }
        return total;
    }
}
