package dev.ebpfmon.module.group;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.MappedArray;
import dev.ebpfmon.module.loader.PidLayout;
import dev.ebpfmon.module.loader.PidTables;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The user side of the per-process records (src/main/bpf/include/pid_record.h): the record array
 * mapped into this process as far as slots were seen in use, read slot by slot or whole, and the
 * release of the slots of processes that are gone once their last counts were taken. A record is
 * copied out of the mapping in one go into an array of longs, so that the per-record work is plain
 * array arithmetic.
 *
 * <p>A record is read as longs: the header's cgroup id, then ppid (low half) and flags (high half),
 * then the 16 bytes of the name, then tgid (low half) and generation (high half), then the slot;
 * every module's counters follow, each a long.
 */
final class PidRecords implements AutoCloseable {
    /** Slots mapped at first; the mapping doubles as higher slots show up. */
    static final int FIRST_MAPPED = 1024;
    static final int CGROUP_ID = 0;
    static final int PPID_AND_FLAGS = 1;
    static final int COMM = 2;
    static final int TGID_AND_GENERATION = 4;
    static final int COMM_LENGTH = 16;
    static final int EXITED = 1;
    /** The longs were read in the machine's order: which of their bytes is a name's first. */
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long TGID_OFFSET = TGID_AND_GENERATION * (long) Long.BYTES;

    /** One record: {@code record} holds it from index {@code base}; reused, so copy what must be kept. */
    @FunctionalInterface
    interface Visitor {
        void visit(int tgid, int slot, long[] record, int base);
    }

    private final MappedArray array;
    private final BpfMap slots;
    private final BpfMap freeSlots;
    private final int recordLongs;
    private final long stride;
    private final long[] one;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key;
    private final MemorySegment value;
    private final MemorySegment zeros;
    private int[] releaseTgids = new int[256];
    private int[] releaseSlots = new int[256];
    private int releaseCount;
    /** One above the highest slot read with a record in it. */
    private int slotsSeen;

    PidRecords(PidTables tables) {
        BpfMap records = tables.records();
        if (records.valueSize() < PidLayout.HEADER_SIZE || records.valueSize() % Long.BYTES != 0) {
            throw new IllegalArgumentException("map " + records.name() + " is not slot -> per-process record");
        }
        try {
            this.array = new MappedArray(records, FIRST_MAPPED);
        } catch (BpfException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        this.slots = tables.slots();
        this.freeSlots = tables.freeSlots();
        this.recordLongs = records.valueSize() / Long.BYTES;
        this.stride = array.stride();
        this.one = new long[recordLongs];
        this.key = arena.allocate(ValueLayout.JAVA_INT);
        this.value = arena.allocate(ValueLayout.JAVA_INT);
        this.zeros = arena.allocate(stride, Long.BYTES);
    }

    /**
     * Maps the first {@code used} slots for a walk of the table and returns how many there are
     * (slots are taken lowest first, so a slot beyond those ever taken is empty, and reading it
     * would only map it).
     */
    int coverWalk(long used) {
        int end = (int) Math.min(array.entries(), used);
        cover(end);
        return end;
    }

    /**
     * The header's tgid (low half; 0: a free slot) and generation (high half) of the record in a
     * slot covered by {@link #coverWalk}: what a walk reads of a record before it decides to read
     * the whole.
     */
    long tgidAndGeneration(int slot) {
        return array.memory().get(ValueLayout.JAVA_LONG, slot * stride + TGID_OFFSET);
    }

    /** One above the highest slot read with a record in it so far. */
    int slotsSeen() {
        return slotsSeen;
    }

    private void cover(int slots) {
        try {
            array.cover(slots);
        } catch (BpfException e) {
            throw new IllegalStateException("mapping the per-process records: " + e.getMessage(), e);
        }
    }

    /**
     * Hands the record in {@code slot} to {@code visitor}, if the slot holds a process (it may be
     * free, or its header not written yet).
     */
    void read(int slot, Visitor visitor) {
        if (slot >= array.mapped()) {
            cover(slot + 1);
        }
        MemorySegment memory = array.memory();
        long at = slot * stride;
        int tgid = memory.get(ValueLayout.JAVA_INT, at + TGID_OFFSET);
        if (tgid == 0) {
            return;
        }
        MemorySegment.copy(memory, ValueLayout.JAVA_LONG, at, one, 0, recordLongs);
        if ((int) one[TGID_AND_GENERATION] == tgid) { // else released and taken again between the reads
            slotsSeen = Math.max(slotsSeen, slot + 1);
            visitor.visit(tgid, slot, one, 0);
        }
    }

    /** Queues the record of a gone process for release at the next {@link #releaseQueued()}. */
    void queueRelease(int tgid, int slot) {
        if (releaseCount == releaseTgids.length) {
            releaseTgids = java.util.Arrays.copyOf(releaseTgids, releaseCount * 2);
            releaseSlots = java.util.Arrays.copyOf(releaseSlots, releaseCount * 2);
        }
        releaseTgids[releaseCount] = tgid;
        releaseSlots[releaseCount++] = slot;
    }

    /**
     * Releases the queued records: the tgid loses its slot first, so no new event finds it; the
     * slot is zeroed, then given back to the free slots, the next one a new process takes.
     *
     * @return the records released
     */
    int releaseQueued() {
        try {
            for (int i = 0; i < releaseCount; i++) {
                key.set(ValueLayout.JAVA_INT, 0, releaseTgids[i]);
                slots.delete(key);
                MemorySegment.copy(zeros, 0, array.memory(), releaseSlots[i] * stride, stride);
                value.set(ValueLayout.JAVA_INT, 0, releaseSlots[i]);
                freeSlots.push(value);
            }
            return releaseCount;
        } catch (BpfException e) {
            throw new IllegalStateException("releasing per-process records: " + e.getMessage(), e);
        } finally {
            releaseCount = 0;
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
        array.close();
        arena.close();
    }
}
