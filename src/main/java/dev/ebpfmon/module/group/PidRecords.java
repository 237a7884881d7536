package dev.ebpfmon.module.group;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.MapReader;
import dev.ebpfmon.module.loader.PidLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The user side of the per-process records (src/main/bpf/include/pid_record.h): a batch walk
 * of the whole table, a lookup of one record, and the deletion of the records of processes that are gone once their last counts
 * were taken. Each batch is copied out of native memory in one go into arrays of longs, so that
 * the per-record work is plain array arithmetic (a memory segment access per counter cost about
 * as much as everything else in the walk). Buffers are allocated once.
 *
 * <p>A record is read as longs: the header's cgroup id, then ppid (low half) and flags (high half),
 * then the 16 bytes of the name, then tgid (low half) and generation (high half); every module's
 * counters follow, each a long.
 */
final class PidRecords implements AutoCloseable {
    static final int CGROUP_ID = 0;
    static final int PPID_AND_FLAGS = 1;
    static final int COMM = 2;
    static final int COMM_LENGTH = 16;
    static final int EXITED = 1;
    /** The longs were read in the machine's order: which of their bytes is a name's first. */
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** One record: {@code record} holds it from index {@code base}; reused, so copy what must be kept. */
    @FunctionalInterface
    interface Visitor {
        void visit(int tgid, long[] record, int base);
    }

    private final MapReader reader;
    private final int recordLongs;
    private final Arena arena = Arena.ofShared();
    private int[] tgids = new int[0];
    private long[] batch = new long[0];
    private MemorySegment goneKeys;
    /** One record's lookup: its key, its value, and the value as longs. */
    private final MemorySegment key;
    private final MemorySegment value;
    private final long[] one;
    private int goneCount;

    PidRecords(BpfMap map) {
        if (map.keySize() != Integer.BYTES || map.valueSize() < PidLayout.HEADER_SIZE
                || map.valueBufferSize() % Long.BYTES != 0) {
            throw new IllegalArgumentException("map " + map.name() + " is not tgid -> per-process record");
        }
        this.reader = new MapReader(map, 4096);
        this.recordLongs = (int) (map.valueBufferSize() / Long.BYTES);
        this.goneKeys = arena.allocate(ValueLayout.JAVA_INT, 1024);
        this.key = arena.allocate(ValueLayout.JAVA_INT);
        this.value = arena.allocate(map.valueBufferSize(), Long.BYTES);
        this.one = new long[recordLongs];
    }

    /** @return the number of records */
    int walk(Visitor visitor) {
        try {
            return reader.forEachBatch((keys, values, count) -> {
                if (tgids.length < count) {
                    tgids = new int[count];
                    batch = new long[count * recordLongs];
                }
                MemorySegment.copy(keys, ValueLayout.JAVA_INT, 0, tgids, 0, count);
                MemorySegment.copy(values, ValueLayout.JAVA_LONG, 0, batch, 0, count * recordLongs);
                for (int i = 0; i < count; i++) {
                    visitor.visit(tgids[i], batch, i * recordLongs);
                }
            });
        } catch (BpfException e) {
            throw new IllegalStateException("reading " + reader.map().name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the record of one process, if the table has it, and hands it to {@code visitor}.
     *
     * @return false when the table has no record of {@code tgid}
     */
    boolean read(int tgid, Visitor visitor) {
        key.set(ValueLayout.JAVA_INT, 0, tgid);
        try {
            if (!reader.map().lookup(key, value)) {
                return false;
            }
        } catch (BpfException e) {
            throw new IllegalStateException("reading " + reader.map().name() + ": " + e.getMessage(), e);
        }
        MemorySegment.copy(value, ValueLayout.JAVA_LONG, 0, one, 0, recordLongs);
        visitor.visit(tgid, one, 0);
        return true;
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

    static long cgroupId(long[] record, int base) {
        return record[base + CGROUP_ID];
    }

    static int ppid(long[] record, int base) {
        return (int) record[base + PPID_AND_FLAGS];
    }

    static boolean exited(long[] record, int base) {
        return ((int) (record[base + PPID_AND_FLAGS] >>> 32) & EXITED) != 0;
    }

    /** The name's 16 bytes as two longs, to notice a change without making a String. */
    static long commLow(long[] record, int base) {
        return record[base + COMM];
    }

    static long commHigh(long[] record, int base) {
        return record[base + COMM + 1];
    }

    static String comm(long[] record, int base) {
        byte[] bytes = new byte[COMM_LENGTH];
        int length = 0;
        for (int i = 0; i < COMM_LENGTH; i++) {
            int shift = LITTLE_ENDIAN ? 8 * (i % Long.BYTES) : 8 * (Long.BYTES - 1 - i % Long.BYTES);
            byte b = (byte) (record[base + COMM + i / Long.BYTES] >>> shift);
            if (b == 0) {
                break;
            }
            bytes[length++] = b;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        reader.close();
        arena.close();
    }
}
