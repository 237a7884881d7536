package dev.ebpfmon.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Optional;

/** mount(2) through the FFM API, so no external {@code mount} binary is needed. */
@SuppressWarnings("restricted") // native access is the point of this class; the launcher enables it
final class LibcMount implements Mounter {

    /** Handles are built on first use: a JVM without native access should fail a mount, not start-up. */
    private static final class Libc {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE.varHandle(PathElement.groupElement("errno"));
        static final MethodHandle MOUNT = LINKER.downcallHandle(
                LINKER.defaultLookup().find("mount").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS),
                Linker.Option.captureCallState("errno"));
        static final MethodHandle STRERROR = LINKER.downcallHandle(
                LINKER.defaultLookup().find("strerror").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    @Override
    public Optional<String> mount(String source, Path target, String fsType) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            int rc = (int) Libc.MOUNT.invokeExact(state,
                    arena.allocateFrom(source),
                    arena.allocateFrom(target.toString()),
                    arena.allocateFrom(fsType),
                    0L,
                    MemorySegment.NULL);
            if (rc == 0) {
                return Optional.empty();
            }
            int errno = (int) Libc.ERRNO.get(state, 0L);
            return Optional.of(strerror(errno) + " (errno " + errno + ")");
        } catch (Throwable t) {
            return Optional.of("mount(2) could not be called: " + t);
        }
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) Libc.STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "error " + errno;
        }
    }
}
