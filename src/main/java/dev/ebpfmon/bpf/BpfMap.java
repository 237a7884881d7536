package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One map of a {@link BpfObject}. Definition calls work from open on; element operations need the
 * object loaded and take caller-provided native segments so that reads allocate nothing.
 *
 * <p>A value buffer is {@link #valueBufferSize()} bytes: {@link #valueSize()} for ordinary maps,
 * {@code perCpuValueStride() * Bpf.possibleCpus()} for per-CPU maps, where CPU {@code i}'s value
 * starts at {@code i * perCpuValueStride()}.
 */
public final class BpfMap {
    /** Update flags of bpf_map_update_elem. */
    public static final long BPF_ANY = 0;
    public static final long BPF_NOEXIST = 1;
    public static final long BPF_EXIST = 2;

    private final BpfObject owner;
    private final MemorySegment handle;
    private final String name;
    // cached at load: the element operations below are the collectors' hot path, and after
    // BpfObject#releaseLibbpf() libbpf's map is gone
    private int fd = -1;
    private boolean ownFd;
    private long keySize;
    private long valueBufferSize;
    private long stride;
    private int cpus = 1;
    private Definition definition;

    /** What libbpf said of the map at load; fixed from then on. */
    private record Definition(int typeId, boolean internal, int keySize, int valueSize, int maxEntries) {}

    BpfMap(BpfObject owner, MemorySegment handle) {
        this.owner = owner;
        this.handle = handle;
        this.name = Libbpf.mapName(handle);
    }

    void loaded() {
        definition = new Definition(Libbpf.mapType(handle), Libbpf.mapIsInternal(handle), Libbpf.mapKeySize(handle),
                Libbpf.mapValueSize(handle), Libbpf.mapMaxEntries(handle));
        fd = Libbpf.mapFd(handle);
        keySize = definition.keySize();
        stride = isPerCpu() ? (definition.valueSize() + 7L) & ~7L : definition.valueSize();
        cpus = isPerCpu() ? Bpf.possibleCpus() : 1;
        valueBufferSize = stride * cpus;
    }

    /** Takes an fd of its own for the kernel's map, before libbpf's object (and its fd) goes. */
    void release() throws BpfException {
        if (fd >= 0 && !ownFd) {
            fd = Libc.dup(fd, "map '" + name + "'");
            ownFd = true;
        }
    }

    /** Undoes {@link #release()} while libbpf's object is still open (another fd could not be taken). */
    void unrelease() {
        if (ownFd) {
            Libc.close(fd);
            fd = Libbpf.mapFd(handle);
            ownFd = false;
        }
    }

    /** Closes the map's own fd, if it took one; libbpf closes its own. */
    void closeOwnFd() {
        if (ownFd) {
            Libc.close(fd);
            ownFd = false;
            fd = -1;
        }
    }

    MemorySegment handle() {
        return handle;
    }

    public String name() {
        return name;
    }

    public MapType type() {
        return MapType.of(typeId());
    }

    /** The kernel's {@code enum bpf_map_type} number, also for types {@link MapType} does not know. */
    public int typeId() {
        owner.requireOpen();
        return definition != null ? definition.typeId() : Libbpf.mapType(handle);
    }

    public boolean isPerCpu() {
        return type().isPerCpu();
    }

    /** libbpf's own maps backing global variables ({@code .rodata}, {@code .bss}, {@code .data}). */
    public boolean isInternal() {
        owner.requireOpen();
        return definition != null ? definition.internal() : Libbpf.mapIsInternal(handle);
    }

    public int keySize() {
        owner.requireOpen();
        return definition != null ? definition.keySize() : Libbpf.mapKeySize(handle);
    }

    public int valueSize() {
        owner.requireOpen();
        return definition != null ? definition.valueSize() : Libbpf.mapValueSize(handle);
    }

    public int maxEntries() {
        owner.requireOpen();
        return definition != null ? definition.maxEntries() : Libbpf.mapMaxEntries(handle);
    }

    /** Capacity, before load; e.g. the per-PID tables from {@code pid table size}. */
    public void setMaxEntries(int maxEntries) {
        owner.requireNotLoaded("set max entries of map '" + name + "'");
        int rc = Libbpf.mapSetMaxEntries(handle, maxEntries);
        if (rc < 0) {
            throw new IllegalArgumentException("bpf_map__set_max_entries(" + name + ", " + maxEntries + "): "
                    + Errno.name(-rc));
        }
    }

    /**
     * Bytes per value, before load, for maps whose value size is decided at run time (the
     * per-process record). The map must be defined by sizes, not by a BTF value type.
     */
    public void setValueSize(int bytes) {
        owner.requireNotLoaded("set the value size of map '" + name + "'");
        int rc = Libbpf.mapSetValueSize(handle, bytes);
        if (rc < 0) {
            throw new IllegalArgumentException("bpf_map__set_value_size(" + name + ", " + bytes + "): "
                    + Errno.name(-rc));
        }
    }

    /** The kernel map's fd; negative before load. */
    public int fd() {
        owner.requireOpen();
        return definition != null ? fd : Libbpf.mapFd(handle);
    }

    /**
     * Makes this (not yet loaded) map use {@code other}'s kernel map instead of creating its own,
     * so that two objects share one map.
     *
     * @throws IllegalArgumentException if type, key size, value size or capacity differ: libbpf
     *                                  would silently adopt the other definition, and the verifier
     *                                  accept programs written for this one
     */
    public void reuseFdOf(BpfMap other) throws BpfException {
        owner.requireNotLoaded("reuse a map fd for map '" + name + "'");
        int otherFd = other.fd();
        if (otherFd < 0) {
            throw new IllegalStateException("map '" + other.name + "' has no fd yet: load its object first");
        }
        String mine = definition();
        String theirs = other.definition();
        if (!mine.equals(theirs)) {
            throw new IllegalArgumentException("map '" + name + "' (" + mine + ") cannot share map '"
                    + other.name + "' (" + theirs + ")");
        }
        int rc = Libbpf.mapReuseFd(handle, otherFd); // libbpf dups the fd: closing either object is safe
        if (rc < 0) {
            throw new BpfException("reuse fd of map '" + other.name + "' for map '" + name + "'", -rc, null);
        }
    }

    private String definition() {
        return type() + " key " + keySize() + " value " + valueSize() + " max " + maxEntries();
    }

    /** Bytes per CPU in a per-CPU value buffer: the value size rounded up to 8; the value size otherwise. */
    public long perCpuValueStride() {
        requireFd();
        return stride;
    }

    /** Bytes a value buffer for lookup/update must have. */
    public long valueBufferSize() {
        requireFd();
        return valueBufferSize;
    }

    /** @return false if there is no such key */
    public boolean lookup(MemorySegment key, MemorySegment value) throws BpfException {
        check(key, value);
        int rc = Libbpf.mapLookupElem(fd, key, value);
        if (rc == -Errno.ENOENT) {
            return false;
        }
        if (rc < 0) {
            throw new BpfException("lookup in map '" + name + "'", -rc, null);
        }
        return true;
    }

    /** @param flags {@link #BPF_ANY}, {@link #BPF_NOEXIST} or {@link #BPF_EXIST} */
    public void update(MemorySegment key, MemorySegment value, long flags) throws BpfException {
        check(key, value);
        int rc = Libbpf.mapUpdateElem(fd, key, value, flags);
        if (rc < 0) {
            throw new BpfException("update in map '" + name + "'", -rc, null);
        }
    }

    /** Pushes {@code value} to a queue or stack map. */
    public void push(MemorySegment value) throws BpfException {
        requireFd();
        if (!value.isNative() || value.byteSize() < valueBufferSize) {
            throw new IllegalArgumentException("value for map '" + name + "' must be native and hold "
                    + valueBufferSize + " bytes: " + value);
        }
        int rc = Libbpf.mapUpdateElem(fd, MemorySegment.NULL, value, BPF_ANY);
        if (rc < 0) {
            throw new BpfException("push to map '" + name + "'", -rc, null);
        }
    }

    /** @return false if there was no such key */
    public boolean delete(MemorySegment key) throws BpfException {
        check(key, null);
        int rc = Libbpf.mapDeleteElem(fd, key);
        if (rc == -Errno.ENOENT) {
            return false;
        }
        if (rc < 0) {
            throw new BpfException("delete in map '" + name + "'", -rc, null);
        }
        return true;
    }

    /**
     * Writes the key after {@code key} (the first key when {@code key} is null) into {@code next}.
     *
     * @return false when there is none
     */
    public boolean nextKey(MemorySegment key, MemorySegment next) throws BpfException {
        check(next, null);
        if (key != null) {
            check(key, null);
        }
        int rc = Libbpf.mapGetNextKey(fd, key == null ? MemorySegment.NULL : key, next);
        if (rc == -Errno.ENOENT) {
            return false;
        }
        if (rc < 0) {
            throw new BpfException("get next key in map '" + name + "'", -rc, null);
        }
        return true;
    }

    /**
     * Sums a u64 field at {@code offsetInValue} of a per-CPU value over all CPUs; for an ordinary
     * map, reads the field.
     */
    public long sumPerCpu(MemorySegment values, long offsetInValue) {
        return sumPerCpu(values, 0, offsetInValue);
    }

    /** As {@link #sumPerCpu(MemorySegment, long)} for the value starting at {@code valueOffset} (batch buffers). */
    public long sumPerCpu(MemorySegment values, long valueOffset, long offsetInValue) {
        requireFd();
        long sum = 0;
        long at = valueOffset + offsetInValue;
        for (int cpu = 0; cpu < cpus; cpu++, at += stride) {
            sum += values.get(JAVA_LONG_UNALIGNED, at);
        }
        return sum;
    }

    /**
     * Kernel memory charged to this map ({@code memlock:} of its fdinfo): what the kernel
     * reserved for the map's capacity, not what its current entries use.
     */
    public long memlockBytes() {
        return fdinfo("memlock");
    }

    /** The kernel's id of this map ({@code map_id:} of its fdinfo): equal for two handles of one shared map. */
    public long kernelId() {
        return fdinfo("map_id");
    }

    private long fdinfo(String field) {
        requireFd();
        Path fdinfo = Path.of("/proc/self/fdinfo", Integer.toString(fd));
        try {
            return fdinfoField(Files.readAllLines(fdinfo), field, fdinfo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fdinfo + " for map '" + name + "'", e);
        }
    }

    static long fdinfoField(Iterable<String> fdinfoLines, String field, Path source) {
        String prefix = field + ":";
        for (String line : fdinfoLines) {
            if (line.startsWith(prefix)) {
                String value = line.substring(prefix.length()).strip();
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(source + ": " + field + " is not a number: " + value, e);
                }
            }
        }
        throw new IllegalStateException(source + " has no " + field + " line (not a BPF map fd?)");
    }

    int cachedFd() {
        requireFd();
        return fd;
    }

    private void requireFd() {
        owner.requireOpen();
        if (fd < 0) {
            throw new IllegalStateException("map '" + name + "' is not loaded");
        }
    }

    // the kernel writes valueBufferSize bytes: a short segment would be silently overrun
    private void check(MemorySegment key, MemorySegment value) {
        requireFd();
        if (!key.isNative() || key.byteSize() < keySize) {
            throw new IllegalArgumentException("key for map '" + name + "' must be native and hold "
                    + keySize + " bytes: " + key);
        }
        if (value != null && (!value.isNative() || value.byteSize() < valueBufferSize)) {
            throw new IllegalArgumentException("value for map '" + name + "' must be native and hold "
                    + valueBufferSize + " bytes: " + value);
        }
    }

    @Override
    public String toString() {
        return "BpfMap[" + name + "]";
    }
}
