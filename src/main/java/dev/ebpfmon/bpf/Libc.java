package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/** The libc calls of the native boundary besides libbpf's and mmap's: fds, and the malloc heap. */
@SuppressWarnings("restricted") // this package is the project's one native boundary
final class Libc {
    private static final int F_DUPFD_CLOEXEC = 1030;
    /** libbpf keeps its fds above stdin, stdout and stderr; so do we. */
    private static final int LOWEST_FD = 3;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle FCNTL = LINKER.downcallHandle(LINKER.defaultLookup().find("fcntl").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = LINKER.downcallHandle(LINKER.defaultLookup().find("read").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Linker.Option.captureCallState("errno"));
    /** x86_64's number (the only architecture the BPF side is built for); glibc has no wrapper. */
    private static final long SYS_MEMBARRIER = 324;
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(1),
            Linker.Option.captureCallState("errno"));
    /** glibc's; musl has none. */
    private static final Optional<MethodHandle> MALLOC_TRIM = LINKER.defaultLookup().find("malloc_trim")
            .map(f -> LINKER.downcallHandle(f, FunctionDescriptor.of(JAVA_INT, JAVA_LONG)));

    private Libc() {}

    /** A second fd of the same kernel object (close-on-exec), which outlives whoever owns the first. */
    static int dup(int fd, String what) throws BpfException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Libbpf.ERRNO_STATE);
            int copy = (int) FCNTL.invokeExact(errno, fd, F_DUPFD_CLOEXEC, LOWEST_FD);
            if (copy < 0) {
                throw new BpfException("duplicate the fd of " + what, Libbpf.errno(errno), null);
            }
            return copy;
        } catch (BpfException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Closes an fd of ours (dup'ed here, or handed out by libbpf without an owning object, as
     * bpf_enable_stats does); the kernel object goes once no fd, link or program holds it. On Linux
     * close(2) releases the fd even when it reports an error: nothing to retry.
     */
    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Reads up to {@code into}'s size from {@code fd}.
     *
     * @param errno where the call leaves errno ({@link Libbpf#ERRNO_STATE})
     * @return the bytes read, 0 at the end, or -errno
     */
    static long read(int fd, MemorySegment into, MemorySegment errno) {
        try {
            long n = (long) READ.invokeExact(errno, fd, into, into.byteSize());
            return n >= 0 ? n : -Libbpf.errno(errno);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * membarrier(2) with {@code cmd} and no flags.
     *
     * @return what the call returns, or -errno
     */
    static long membarrier(int cmd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Libbpf.ERRNO_STATE);
            long r = (long) SYSCALL.invokeExact(errno, SYS_MEMBARRIER, cmd, 0, 0);
            return r >= 0 ? r : -Libbpf.errno(errno);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Returns the free pages of the malloc heap to the kernel: glibc keeps freed memory for reuse,
     * and what libbpf freed after loading (its copy of vmlinux's BTF and of each object) is not
     * reused by anything after it.
     *
     * @return false where the C library has no malloc_trim
     */
    static boolean trimMallocHeap() {
        if (MALLOC_TRIM.isEmpty()) {
            return false;
        }
        try {
            int ignored = (int) MALLOC_TRIM.get().invokeExact(0L);
            return true;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
