package dev.ebpfmon.module.group;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.MapReader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The user side of the per-process records (src/main/bpf/include/pid_record.h): one batch walk
 * per tick, and the deletion of the records of processes that are gone once their last counts
 * were taken. Buffers are allocated once.
 */
final class PidRecords implements AutoCloseable {
    static final int CGROUP_ID = 0;
    static final int PPID = 8;
    static final int FLAGS = 12;
    static final int COMM = 16;
    static final int COMM_LENGTH = 16;
    static final int EXITED = 1;

    /** One record: {@code values} holds it from {@code offset}; reused, so copy what must be kept. */
    @FunctionalInterface
    interface Visitor {
        void visit(int tgid, MemorySegment values, long offset);
    }

    private final MapReader reader;
    private final Arena arena = Arena.ofShared();
    private MemorySegment goneKeys;
    private int goneCount;

    PidRecords(BpfMap map) {
        if (map.keySize() != Integer.BYTES || map.valueSize() < COMM + COMM_LENGTH) {
            throw new IllegalArgumentException("map " + map.name() + " is not tgid -> per-process record");
        }
        this.reader = new MapReader(map, 4096);
        this.goneKeys = arena.allocate(ValueLayout.JAVA_INT, 1024);
    }

    /** @return the number of records */
    int walk(Visitor visitor) {
        try {
            return reader.forEach((keys, keyOffset, values, valueOffset) ->
                    visitor.visit(keys.get(ValueLayout.JAVA_INT, keyOffset), values, valueOffset));
        } catch (BpfException e) {
            throw new IllegalStateException("reading " + reader.map().name() + ": " + e.getMessage(), e);
        }
    }

    /** Queues a record for deletion at the next {@link #deleteQueued()}. */
    void queueDelete(int tgid) {
        if (goneCount * (long) Integer.BYTES == goneKeys.byteSize()) {
            MemorySegment bigger = arena.allocate(ValueLayout.JAVA_INT, goneCount * 2L);
            bigger.copyFrom(goneKeys);
            goneKeys = bigger;
        }
        goneKeys.setAtIndex(ValueLayout.JAVA_INT, goneCount++, tgid);
    }

    /** @return the records deleted (some may be gone already: evicted, or never there) */
    int deleteQueued() {
        if (goneCount == 0) {
            return 0;
        }
        try {
            return reader.deleteKeys(goneKeys, goneCount);
        } catch (BpfException e) {
            throw new IllegalStateException("deleting from " + reader.map().name() + ": " + e.getMessage(), e);
        } finally {
            goneCount = 0;
        }
    }

    static long cgroupId(MemorySegment values, long offset) {
        return values.get(ValueLayout.JAVA_LONG, offset + CGROUP_ID);
    }

    static int ppid(MemorySegment values, long offset) {
        return values.get(ValueLayout.JAVA_INT, offset + PPID);
    }

    static boolean exited(MemorySegment values, long offset) {
        return (values.get(ValueLayout.JAVA_INT, offset + FLAGS) & EXITED) != 0;
    }

    /** The name's 16 bytes as two longs, to notice a change without making a String. */
    static long commLow(MemorySegment values, long offset) {
        return values.get(ValueLayout.JAVA_LONG, offset + COMM);
    }

    static long commHigh(MemorySegment values, long offset) {
        return values.get(ValueLayout.JAVA_LONG, offset + COMM + 8);
    }

    static String comm(MemorySegment values, long offset) {
        int length = 0;
        while (length < COMM_LENGTH && values.get(ValueLayout.JAVA_BYTE, offset + COMM + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        MemorySegment.copy(values, ValueLayout.JAVA_BYTE, offset + COMM, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        reader.close();
        arena.close();
    }
}
