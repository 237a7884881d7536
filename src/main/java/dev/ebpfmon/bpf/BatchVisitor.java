package dev.ebpfmon.bpf;

import java.lang.foreign.MemorySegment;

/**
 * Receives one batch of map entries from {@link MapReader#forEachBatch}: {@code count} keys packed
 * at the key size and {@code count} values packed at {@link BpfMap#valueBufferSize()}. The
 * segments are the reader's reused buffers, overwritten by the next batch.
 */
@FunctionalInterface
public interface BatchVisitor {
    void visit(MemorySegment keys, MemorySegment values, int count);
}
