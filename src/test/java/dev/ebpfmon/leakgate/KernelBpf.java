package dev.ebpfmon.leakgate;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The kernel's BPF objects by id, through libbpf's thin syscall wrappers: which programs are loaded
 * (BPF_PROG_GET_NEXT_ID, needs CAP_SYS_ADMIN) and what an fd of this process is (BPF_OBJ_GET_INFO_BY_FD).
 * Test-only: the gate must not depend on the binding it checks.
 */
@SuppressWarnings("restricted")
final class KernelBpf {
    /** struct bpf_prog_info: __u32 id at 4, char name[16] at 64; struct bpf_map_info: name at 24. */
    private static final long PROG_ID = 4;
    private static final long PROG_NAME = 64;
    private static final long MAP_NAME = 24;
    private static final int NAME_LENGTH = 16;
    /** Larger than any bpf_*_info; the kernel accepts a longer zeroed buffer. */
    private static final int INFO_SIZE = 512;

    private static final Handles HANDLES = Handles.load();

    private KernelBpf() {}

    /** Why the kernel's program list cannot be read here, if it cannot (no libbpf, or not privileged). */
    static Optional<String> programListProblem() {
        if (HANDLES == null) {
            return Optional.of("libbpf.so.1 not found");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment next = arena.allocate(JAVA_INT);
            int rc = (int) HANDLES.progGetNextId.invokeExact(0, next);
            return rc == 0 || rc == -2 ? Optional.empty() : Optional.of("BPF_PROG_GET_NEXT_ID failed: errno " + -rc);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Every loaded program: id to name. Programs that go away while listing are skipped. */
    static Map<Integer, String> loadedPrograms() {
        Map<Integer, String> programs = new TreeMap<>();
        if (HANDLES == null) {
            return programs;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment next = arena.allocate(JAVA_INT);
            MemorySegment info = arena.allocate(INFO_SIZE);
            MemorySegment length = arena.allocate(JAVA_INT);
            int id = 0;
            while ((int) HANDLES.progGetNextId.invokeExact(id, next) == 0) {
                id = next.get(JAVA_INT, 0);
                int fd = (int) HANDLES.progGetFdById.invokeExact(id);
                if (fd < 0) {
                    continue;
                }
                try {
                    if (info(fd, info, length)) {
                        programs.put(info.get(JAVA_INT, PROG_ID), name(info, PROG_NAME));
                    }
                } finally {
                    int ignored = (int) HANDLES.close.invokeExact(fd);
                }
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return programs;
    }

    /** The name of a program or map this process holds as {@code fd}; empty if the fd is not one any more. */
    static String nameOfFd(int fd, boolean program) {
        if (HANDLES == null) {
            return "";
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(INFO_SIZE);
            return info(fd, info, arena.allocate(JAVA_INT)) ? name(info, program ? PROG_NAME : MAP_NAME) : "";
        }
    }

    private static boolean info(int fd, MemorySegment info, MemorySegment length) {
        info.fill((byte) 0);
        length.set(JAVA_INT, 0, INFO_SIZE);
        try {
            return (int) HANDLES.objGetInfoByFd.invokeExact(fd, info, length) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static String name(MemorySegment info, long offset) {
        byte[] bytes = info.asSlice(offset, NAME_LENGTH).toArray(JAVA_BYTE);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    private record Handles(MethodHandle progGetNextId, MethodHandle progGetFdById, MethodHandle objGetInfoByFd,
            MethodHandle close) {
        static Handles load() {
            SymbolLookup libbpf;
            try {
                libbpf = SymbolLookup.libraryLookup("libbpf.so.1", Arena.global());
            } catch (IllegalArgumentException e) {
                return null;
            }
            Linker linker = Linker.nativeLinker();
            return new Handles(
                    linker.downcallHandle(libbpf.find("bpf_prog_get_next_id").orElseThrow(),
                            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS)),
                    linker.downcallHandle(libbpf.find("bpf_prog_get_fd_by_id").orElseThrow(),
                            FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
                    linker.downcallHandle(libbpf.find("bpf_obj_get_info_by_fd").orElseThrow(),
                            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS)),
                    linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
                            FunctionDescriptor.of(JAVA_INT, JAVA_INT)));
        }
    }
}
