package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Reads a whole hash or array map per call with {@code bpf_map_lookup_batch} into buffers
 * allocated once, so that a collector tick costs one syscall per {@code entriesPerBatch} entries
 * and no Java allocation. Kernels or map types without batch operations are read key by key
 * ({@code bpf_map_get_next_key} + lookup) instead, decided on the first call.
 *
 * <p>One reader per map and thread: the buffers are shared between calls.
 */
public final class MapReader implements AutoCloseable {
    private final BpfMap map;
    private final int fd;
    private final long keySize;
    private final long valueStride;
    private final Arena arena = Arena.ofShared();
    /** The entry buffers; replaced (once, in practice) when a hash bucket does not fit them. */
    private Arena buffers;
    private int entriesPerBatch;
    private MemorySegment keys;
    private MemorySegment values;
    /** Batch positions: a u32 bucket for hash maps, a key for arrays; two, as one call reads one and writes the other. */
    private final MemorySegment tokenA;
    private final MemorySegment tokenB;
    private final MemorySegment count;
    private final MemorySegment nextKey;
    private boolean lookupBatch;
    private boolean deleteBatch;

    public MapReader(BpfMap map, int entriesPerBatch) {
        this(map, entriesPerBatch, true);
    }

    /** @param useBatch false forces the key-by-key path (tests, old kernels) */
    MapReader(BpfMap map, int entriesPerBatch, boolean useBatch) {
        if (entriesPerBatch < 1) {
            throw new IllegalArgumentException("entriesPerBatch " + entriesPerBatch);
        }
        this.map = map;
        this.fd = map.cachedFd();
        this.keySize = map.keySize();
        this.valueStride = map.valueBufferSize();
        allocateBuffers(entriesPerBatch);
        this.tokenA = arena.allocate(Math.max(keySize, 8), 8);
        this.tokenB = arena.allocate(Math.max(keySize, 8), 8);
        this.count = arena.allocate(JAVA_INT);
        this.nextKey = arena.allocate(keySize, 8);
        this.lookupBatch = useBatch;
        this.deleteBatch = useBatch;
    }

    private void allocateBuffers(int entries) {
        Arena next = Arena.ofShared();
        keys = next.allocate(keySize * entries, 8);
        values = next.allocate(valueStride * entries, 8);
        entriesPerBatch = entries;
        if (buffers != null) {
            buffers.close();
        }
        buffers = next;
    }

    public BpfMap map() {
        return map;
    }

    /** Entries per batch call: as constructed, or larger after a hash bucket did not fit. */
    int entriesPerBatch() {
        return entriesPerBatch;
    }

    /**
     * Visits every entry present in the map. Entries changing meanwhile may be seen or not; each
     * is seen once on the batch path.
     *
     * @return the number of entries visited
     */
    public int forEach(EntryVisitor visitor) throws BpfException {
        map.cachedFd(); // fails if the object was closed since
        return lookupBatch ? forEachBatch(visitor) : forEachKey(visitor, 0);
    }

    private int forEachBatch(EntryVisitor visitor) throws BpfException {
        int total = 0;
        MemorySegment in = MemorySegment.NULL;
        MemorySegment out = tokenA;
        while (true) {
            count.set(JAVA_INT, 0, entriesPerBatch);
            int rc = Libbpf.mapLookupBatch(fd, in, out, keys, values, count, MemorySegment.NULL);
            int n = count.get(JAVA_INT, 0);
            if (rc < 0 && rc != -Errno.ENOENT) {
                if (total == 0 && in == MemorySegment.NULL && Errno.unsupported(-rc)) {
                    lookupBatch = false;
                    return forEachKey(visitor, 0);
                }
                // a hash bucket holds more entries than one batch: the kernel returned nothing
                // and keeps its place, so retry the same position with room for the bucket
                if (rc == -Errno.ENOSPC && n == 0 && entriesPerBatch < Integer.MAX_VALUE / 2) {
                    allocateBuffers(entriesPerBatch * 2);
                    continue;
                }
                throw new BpfException("batch lookup in map '" + map.name() + "'", -rc, null);
            }
            for (int i = 0; i < n; i++) {
                visitor.visit(keys, i * keySize, values, i * valueStride);
            }
            total += n;
            // ENOENT: the map is exhausted, yet this last call may still have returned entries
            if (rc == -Errno.ENOENT) {
                return total;
            }
            in = out;
            out = out == tokenA ? tokenB : tokenA;
        }
    }

    /** Key slot 0 of the batch buffer holds the current key, {@link #nextKey} the next one. */
    private int forEachKey(EntryVisitor visitor, int total) throws BpfException {
        int rc = Libbpf.mapGetNextKey(fd, MemorySegment.NULL, keys);
        while (rc == 0) {
            int found = Libbpf.mapLookupElem(fd, keys, values);
            if (found == 0) {
                visitor.visit(keys, 0, values, 0);
                total++;
            } else if (found != -Errno.ENOENT) { // ENOENT: deleted since get_next_key
                throw new BpfException("lookup in map '" + map.name() + "'", -found, null);
            }
            rc = Libbpf.mapGetNextKey(fd, keys, nextKey);
            MemorySegment.copy(nextKey, 0, keys, 0, keySize);
        }
        if (rc != -Errno.ENOENT) {
            throw new BpfException("get next key in map '" + map.name() + "'", -rc, null);
        }
        return total;
    }

    /**
     * Deletes {@code count} keys packed at {@code keySize} stride in {@code keys} (e.g. PIDs that
     * exited), skipping keys already gone (LRU eviction, the BPF side).
     *
     * @return the number of entries deleted
     */
    public int deleteKeys(MemorySegment keys, int count) throws BpfException {
        map.cachedFd();
        if (count < 0 || !keys.isNative() || keys.byteSize() < count * keySize) {
            throw new IllegalArgumentException(count + " keys of " + keySize + " bytes do not fit " + keys);
        }
        int deleted = 0;
        int done = 0;
        while (done < count && deleteBatch) {
            // the whole array at once in the usual case; a slice only after a missing key
            MemorySegment rest = done == 0 ? keys : keys.asSlice(done * keySize);
            this.count.set(JAVA_INT, 0, count - done);
            int rc = Libbpf.mapDeleteBatch(fd, rest, this.count, MemorySegment.NULL);
            int n = this.count.get(JAVA_INT, 0);
            deleted += n;
            done += n;
            if (rc == -Errno.ENOENT) {
                done++; // the kernel stops at the first missing key
            } else if (rc < 0 && n == 0 && Errno.unsupported(-rc) && deleted == 0) {
                deleteBatch = false;
            } else if (rc < 0) {
                throw new BpfException("batch delete in map '" + map.name() + "'", -rc, null);
            }
        }
        for (; done < count; done++) {
            MemorySegment.copy(keys, done * keySize, nextKey, 0, keySize);
            int rc = Libbpf.mapDeleteElem(fd, nextKey);
            if (rc == 0) {
                deleted++;
            } else if (rc != -Errno.ENOENT) {
                throw new BpfException("delete in map '" + map.name() + "'", -rc, null);
            }
        }
        return deleted;
    }

    /** Frees the buffers. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
            buffers.close();
        }
    }
}
