package dev.ebpfmon.module.group;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.BpfRingBuffer;
import dev.ebpfmon.bpf.GracePeriod;
import dev.ebpfmon.module.loader.PidTables;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Which per-process records changed since the last tick (src/main/bpf/include/pid_record.bpf.h):
 * the first write to a record in a tick pushes its slot to a ring; the agent drains the ring, then
 * starts the next tick, then reads the records in the slots it drained. In that order, a write
 * that did not push (its record had pushed already this tick) happened before the records are
 * read, and a write after the new tick pushes again for the next one. Where the kernel side counts
 * with plain adds (a process with one thread), the start of a tick also waits for a grace period, so
 * that such a write is visible by the time the records are read.
 */
final class PidChanges implements AutoCloseable {
    private final BpfMap tickGeneration;
    private final BpfRingBuffer ring;
    /** Records may take plain adds (PidTables#plainAdds): each tick's start waits for a grace period. */
    private final boolean plainAdds;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key;
    private final MemorySegment value;
    /** The generation in the map when this reader started; its ticks count on from there. */
    private final int firstTick;
    private final java.util.function.IntConsumer sink = this::add;
    private int[] slots = new int[1024];
    /** The tick's value in pid_tick_generation: a record's header has the one of its last push. */
    private int generation;
    private int count;

    PidChanges(PidTables tables) {
        this.tickGeneration = tables.tickGeneration();
        this.plainAdds = tables.plainAdds();
        this.key = arena.allocate(ValueLayout.JAVA_INT);
        this.value = arena.allocate(ValueLayout.JAVA_INT);
        try {
            // the maps may have served an earlier reader: its ticks must not come back
            firstTick = tickGeneration.lookup(key, value) ? value.get(ValueLayout.JAVA_INT, 0) : 0;
            this.ring = new BpfRingBuffer(tables.changed());
        } catch (BpfException e) {
            close();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Takes the slots pushed since the last drain: {@link #count()} of them, at {@link #slot(int)},
     * in slot order: the records, and what the agent keeps per slot, are then read front to back
     * (the ring has them in the order processes happened to run, each a cache miss or two).
     */
    void drain() {
        count = 0;
        ring.drainInts(sink);
        java.util.Arrays.sort(slots, 0, count);
    }

    private void add(int slot) {
        if (count == slots.length) {
            slots = java.util.Arrays.copyOf(slots, count * 2);
        }
        slots[count++] = slot;
    }

    /**
     * The generation of the current tick. A record whose header generation comes before the one
     * a read of it was made in has not been written since that read: every write after the tick's
     * start sets the header's generation to the tick's, or finds it set already.
     */
    int generation() {
        return generation;
    }

    int count() {
        return count;
    }

    int slot(int i) {
        return slots[i];
    }

    /** Starts tick {@code tick}: a record's first write from now on pushes it again. */
    void startTick(long tick) {
        generation = firstTick + (int) tick;
        if (generation == 0) {
            generation = 1; // a new record's generation: it must differ
        }
        value.set(ValueLayout.JAVA_INT, 0, generation);
        try {
            tickGeneration.update(key, value, BpfMap.BPF_ANY);
        } catch (BpfException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        // the kernel stored the tick on this CPU; the records are read next, as plain memory: no
        // read may pass that store, or a write that saw the old tick (and so did not push) could
        // be missed by the read too
        java.lang.invoke.VarHandle.fullFence();
        if (plainAdds) {
            // a plain add is no barrier: its write may still be on its way when the event reads the
            // old tick. Every event running now has ended, its writes visible, once this returns.
            GracePeriod.await();
        }
    }

    @Override
    public void close() {
        if (ring != null) {
            ring.close();
        }
        arena.close();
    }
}
