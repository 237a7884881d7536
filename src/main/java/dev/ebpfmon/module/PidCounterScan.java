package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.MapReader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.IntPredicate;

/**
 * Walks a module's per-PID counter table once per tick (batch reads, buffers allocated once).
 * A process that is gone is visited one last time, so that its final counts reach its group, and
 * is then removed from the table: exited PIDs never pile up in the kernel.
 */
public final class PidCounterScan implements AutoCloseable {
    /** One process's counters; the array is reused between calls. */
    public interface Visitor {
        void visit(int tgid, long[] counters, boolean last);
    }

    private final MapReader reader;
    private final int counters;
    private final long[] values;
    private MemorySegment goneKeys;
    private int goneCount;

    public PidCounterScan(BpfMap map, int counters) {
        if (map.keySize() != Integer.BYTES || map.valueSize() != counters * Long.BYTES) {
            throw new IllegalArgumentException("map " + map.name() + " is not tgid -> u64[" + counters + "]");
        }
        this.reader = new MapReader(map, 1024);
        this.counters = counters;
        this.values = new long[counters];
        this.goneKeys = Arena.ofAuto().allocate(ValueLayout.JAVA_INT, 1024);
    }

    /** @return the number of processes visited */
    public int scan(IntPredicate gone, Visitor visitor) {
        goneCount = 0;
        try {
            int visited = reader.forEach((keys, keyOffset, vals, valueOffset) -> {
                int tgid = keys.get(ValueLayout.JAVA_INT, keyOffset);
                for (int i = 0; i < counters; i++) {
                    values[i] = vals.get(ValueLayout.JAVA_LONG, valueOffset + (long) i * Long.BYTES);
                }
                boolean last = gone.test(tgid);
                visitor.visit(tgid, values, last);
                if (last) {
                    remember(tgid);
                }
            });
            if (goneCount > 0) {
                reader.deleteKeys(goneKeys, goneCount);
            }
            return visited;
        } catch (BpfException e) {
            throw new IllegalStateException("scanning " + reader.map().name() + ": " + e.getMessage(), e);
        }
    }

    private void remember(int tgid) {
        if (goneCount * (long) Integer.BYTES == goneKeys.byteSize()) {
            MemorySegment bigger = Arena.ofAuto().allocate(ValueLayout.JAVA_INT, goneCount * 2L);
            bigger.copyFrom(goneKeys);
            goneKeys = bigger;
        }
        goneKeys.setAtIndex(ValueLayout.JAVA_INT, goneCount++, tgid);
    }

    @Override
    public void close() {
        reader.close();
    }
}
