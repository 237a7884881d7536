package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/** libc's mmap and munmap of a BPF map's fd: the memory the kernel lets a map share with this process. */
@SuppressWarnings("restricted") // this package is the project's one native boundary
final class Mmap {
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    private static final int MAP_SHARED = 1;
    private static final long MAP_FAILED = -1;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout ERRNO = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = ERRNO.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle MMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("mmap").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle MUNMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("munmap").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle GETPAGESIZE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("getpagesize").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
    /** The machine's page size: a map's memory is shared in whole pages. */
    static final long PAGE_SIZE = pageSize();

    private Mmap() {}

    /**
     * Maps {@code bytes} of {@code map}'s memory from {@code offset} (both whole pages), shared with
     * the kernel.
     *
     * @param what what the mapping is for, for the error
     */
    static MemorySegment map(BpfMap map, long offset, long bytes, int protection, String what) throws BpfException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO);
            MemorySegment at = (MemorySegment) MMAP.invokeExact(errno, MemorySegment.NULL, bytes, protection,
                    MAP_SHARED, map.fd(), offset);
            if (at.address() == MAP_FAILED || at.address() == 0) {
                throw new BpfException("map " + what + " of '" + map.name() + "'", errno.get(JAVA_INT, ERRNO_OFFSET), null);
            }
            return at.reinterpret(bytes);
        } catch (BpfException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void unmap(MemorySegment memory) {
        int rc;
        try {
            rc = (int) MUNMAP.invokeExact(memory, memory.byteSize());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (rc != 0) {
            throw new IllegalStateException("munmap of " + memory.byteSize() + " bytes failed");
        }
    }

    /** Whole pages holding {@code bytes}. */
    static long pages(long bytes) {
        return (bytes + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE;
    }

    private static long pageSize() {
        try {
            return (int) GETPAGESIZE.invokeExact();
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
    }
}
