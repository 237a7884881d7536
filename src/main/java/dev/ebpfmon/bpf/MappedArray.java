package dev.ebpfmon.bpf;

import java.lang.foreign.MemorySegment;

/**
 * A BPF array made with BPF_F_MMAPABLE, mapped into this process: its values are read and written
 * as plain memory, without a system call, while BPF programs update them. Value {@code i} starts
 * at {@code i * stride()}. Reads of aligned 8-byte values are atomic on the platforms we run on.
 */
public final class MappedArray implements AutoCloseable {
    private final MemorySegment memory;
    private final long stride;
    private final int entries;
    private boolean closed;

    /** Maps every value of {@code map}, which must be an array made with BPF_F_MMAPABLE. */
    public MappedArray(BpfMap map) throws BpfException {
        if (map.type() != MapType.ARRAY) {
            throw new IllegalArgumentException("map " + map.name() + " is a " + map.type() + ", not an array");
        }
        this.stride = (map.valueSize() + 7L) & ~7L; // the kernel rounds each value up to 8 bytes
        this.entries = map.maxEntries();
        this.memory = Mmap.map(map, 0, Mmap.pages(stride * entries), Mmap.PROT_READ | Mmap.PROT_WRITE,
                "the memory (made without BPF_F_MMAPABLE?)");
    }

    /** Every value, as one segment: value {@code i} at {@code i * stride()}. */
    public MemorySegment memory() {
        if (closed) {
            throw new IllegalStateException("unmapped");
        }
        return memory;
    }

    /** Bytes from one value to the next. */
    public long stride() {
        return stride;
    }

    public int entries() {
        return entries;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Mmap.unmap(memory);
    }
}
