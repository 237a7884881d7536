package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * A BPF array made with BPF_F_MMAPABLE, mapped into this process: its values are read and written
 * as plain memory, without a system call, while BPF programs update them. Value {@code i} starts
 * at {@code i * stride()}. Reads of aligned 8-byte values are atomic on the platforms we run on.
 */
@SuppressWarnings("restricted") // this package is the project's one native boundary
public final class MappedArray implements AutoCloseable {
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_SHARED = 1;
    private static final long MAP_FAILED = -1;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout ERRNO = Linker.Option.captureStateLayout();
    private static final MethodHandle MMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("mmap").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle MUNMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("munmap").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));

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
        long page = 4096;
        long bytes = (stride * entries + page - 1) / page * page;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO);
            MemorySegment at = (MemorySegment) MMAP.invokeExact(errno, MemorySegment.NULL, bytes,
                    PROT_READ | PROT_WRITE, MAP_SHARED, map.fd(), 0L);
            if (at.address() == MAP_FAILED || at.address() == 0) {
                int err = errno.get(JAVA_INT, ERRNO.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno")));
                throw new BpfException("map the memory of '" + map.name() + "' (made without BPF_F_MMAPABLE?)", err, null);
            }
            this.memory = at.reinterpret(bytes);
        } catch (BpfException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
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
        try {
            int rc = (int) MUNMAP.invokeExact(memory, memory.byteSize());
            if (rc != 0) {
                throw new IllegalStateException("munmap failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
