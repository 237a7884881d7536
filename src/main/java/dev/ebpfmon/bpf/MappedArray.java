package dev.ebpfmon.bpf;

import java.lang.foreign.MemorySegment;

/**
 * A BPF array made with BPF_F_MMAPABLE, mapped into this process: its values are read and written
 * as plain memory, without a system call, while BPF programs update them. Value {@code i} starts
 * at {@code i * stride()}. Reads of aligned 8-byte values are atomic on the platforms we run on.
 *
 * <p>Only the first values are mapped, as many as asked for ({@link #cover}): the kernel maps an
 * array's pages all at once, so every page mapped counts in this process's RSS, used or not.
 */
public final class MappedArray implements AutoCloseable {
    private final BpfMap map;
    private final long stride;
    private final int entries;
    private MemorySegment memory;
    private int mapped;
    private boolean closed;

    /**
     * Maps the first {@code first} values of {@code map} (at least a page's worth), which must be
     * an array made with BPF_F_MMAPABLE.
     */
    public MappedArray(BpfMap map, int first) throws BpfException {
        if (map.type() != MapType.ARRAY) {
            throw new IllegalArgumentException("map " + map.name() + " is a " + map.type() + ", not an array");
        }
        this.map = map;
        this.stride = (map.valueSize() + 7L) & ~7L; // the kernel rounds each value up to 8 bytes
        this.entries = map.maxEntries();
        mapTo(Math.max(1, Math.min(first, entries)));
    }

    /**
     * Makes sure the first {@code values} values are mapped, mapping twice as many as before if
     * more are needed (at most all of them). {@link #memory()} may change.
     */
    public void cover(int values) throws BpfException {
        if (values > mapped && mapped < entries) {
            mapTo((int) Math.min(entries, Math.max(values, 2L * mapped)));
        }
    }

    private void mapTo(int values) throws BpfException {
        long bytes = Mmap.pages(stride * values);
        MemorySegment bigger = Mmap.map(map, 0, bytes, Mmap.PROT_READ | Mmap.PROT_WRITE,
                "the memory (made without BPF_F_MMAPABLE?)");
        if (memory != null) {
            Mmap.unmap(memory);
        }
        memory = bigger;
        mapped = (int) Math.min(entries, bytes / stride);
    }

    /** The mapped values, as one segment: value {@code i} at {@code i * stride()}. */
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

    /** Values mapped now: those below this are in {@link #memory()}. */
    public int mapped() {
        return mapped;
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
