package dev.ebpfmon.bpf;

import java.lang.foreign.MemorySegment;

/**
 * Receives one map entry from {@link MapReader#forEach}. The segments are the reader's reused
 * buffers, passed whole with an offset instead of sliced so that reading allocates nothing: the
 * entry is {@code keySize} bytes at {@code keyOffset} and {@link BpfMap#valueBufferSize()} bytes
 * at {@code valueOffset}. They are overwritten by the next batch: copy what must be kept.
 */
@FunctionalInterface
public interface EntryVisitor {
    void visit(MemorySegment keys, long keyOffset, MemorySegment values, long valueOffset);
}
