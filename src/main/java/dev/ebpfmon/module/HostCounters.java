package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Host-wide counters of a module: a per-CPU array with one slot holding all of them (the C macro
 * COUNTERS), read with one lookup and summed over CPUs, plus, for a module that counts an event in
 * either its process's record or the slot, what the records counted ({@link #plusRecords}).
 * Buffers are allocated once; a read allocates nothing.
 */
public final class HostCounters implements AutoCloseable {
    private final BpfMap map;
    private final int counters;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key;
    private final MemorySegment values;
    private RecordTotals records;
    /** Where the module's counters start in a record, in longs. */
    private int recordBase;

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

    /**
     * From now on a read adds to each counter the records' total of the same counter, the module's
     * counters starting at byte {@code pidOffset} of a record.
     */
    public HostCounters plusRecords(RecordTotals totals, int pidOffset) {
        if (pidOffset <= 0 || pidOffset % Long.BYTES != 0) {
            throw new IllegalArgumentException("pid offset " + pidOffset + " is not a counter's place in a record");
        }
        this.records = totals;
        this.recordBase = pidOffset / Long.BYTES;
        return this;
    }

    public int size() {
        return counters;
    }

    /** Fills {@code into[0..size)} with each counter summed over CPUs. */
    public void read(long[] into) {
        boolean found;
        try {
            found = map.lookup(key, values);
        } catch (BpfException e) {
            throw new IllegalStateException("reading " + map.name() + ": " + e.getMessage(), e);
        }
        for (int id = 0; id < counters; id++) {
            into[id] = found ? map.sumPerCpu(values, (long) id * Long.BYTES) : 0;
        }
        if (records != null) {
            for (int id = 0; id < counters; id++) {
                into[id] += records.get(recordBase + id);
            }
        }
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
