package dev.ebpfmon.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The CPU time the calling thread has used, from clock_gettime(CLOCK_THREAD_CPUTIME_ID): what a
 * tick cost in CPU, next to its wall time, which also holds the time it waited for a CPU. Through
 * FFM rather than ThreadMXBean, which would pull java.management into the packaged runtime for
 * one call. One instance per thread: its buffer is reused.
 */
@SuppressWarnings("restricted") // native access is the point of this class; the launcher enables it
public final class ThreadCpuClock {
    private static final int CLOCK_THREAD_CPUTIME_ID = 3;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CLOCK_GETTIME = LINKER.downcallHandle(
            LINKER.defaultLookup().find("clock_gettime").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.critical(false));

    /** struct timespec: tv_sec, tv_nsec (two longs on 64-bit Linux). */
    private final MemorySegment timespec = Arena.ofAuto().allocate(2 * Long.BYTES, Long.BYTES);

    /** CPU nanoseconds of the calling thread since it started. */
    public long nanos() {
        try {
            int rc = (int) CLOCK_GETTIME.invokeExact(CLOCK_THREAD_CPUTIME_ID, timespec);
            if (rc != 0) {
                throw new IllegalStateException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("clock_gettime could not be called: " + t, t);
        }
        return timespec.get(JAVA_LONG, 0) * 1_000_000_000L + timespec.get(JAVA_LONG, Long.BYTES);
    }
}
