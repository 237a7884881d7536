package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * libbpf's print callback: formats each message with libc {@code vsnprintf}, sends it to the
 * {@code ebpfmon.libbpf} logger and, while a {@link Capture} is open on the calling thread, keeps
 * it so that a failed open/load/attach can carry libbpf's explanation (the verifier log included).
 */
@SuppressWarnings("restricted") // this package is the project's one native boundary
final class LibbpfLog {
    private static final System.Logger LOG = System.getLogger("ebpfmon.libbpf");
    private static final int LIBBPF_WARN = 0;
    private static final int LIBBPF_INFO = 1;
    /** x86_64 SysV {@code va_list} is a pointer to this 24-byte {@code __va_list_tag}. */
    private static final long VA_LIST_SIZE = 24;
    private static final int FIRST_TRY = 1024;
    /** The verifier log can reach megabytes; the tail holds the error, so the head is dropped. */
    private static final int CAPTURE_LIMIT = 1 << 20;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle VSNPRINTF = LINKER.downcallHandle(
            LINKER.defaultLookup().find("vsnprintf").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
    private static final ThreadLocal<Capture> CAPTURE = new ThreadLocal<>();

    private LibbpfLog() {}

    /** The C function pointer for {@code libbpf_set_print}; lives as long as the JVM. */
    static MemorySegment upcall() {
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(LibbpfLog.class, "print",
                    MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class));
            return LINKER.upcallStub(target, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS),
                    Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts keeping libbpf's WARN and INFO lines emitted on this thread until closed. */
    static Capture capture() {
        Capture capture = new Capture(CAPTURE.get());
        CAPTURE.set(capture);
        return capture;
    }

    private static int print(int level, MemorySegment fmt, MemorySegment ap) {
        // An exception escaping an upcall terminates the JVM: logging must never do that.
        try {
            Level javaLevel = switch (level) {
                case LIBBPF_WARN -> Level.WARNING;
                case LIBBPF_INFO -> Level.INFO;
                default -> Level.DEBUG;
            };
            Capture capture = level <= LIBBPF_INFO ? CAPTURE.get() : null;
            if (capture == null && !LOG.isLoggable(javaLevel)) {
                return 0;
            }
            String text = format(fmt, ap);
            if (capture != null) {
                // the failure, if any, reaches the caller in BpfException.log(): whoever handles it
                // decides whether it is worth a warning (a failed feature probe is not)
                capture.append(text);
                javaLevel = Level.DEBUG;
            }
            LOG.log(javaLevel, text.stripTrailing());
        } catch (Throwable ignored) {
            // nothing sensible to do: the message is lost, libbpf goes on
        }
        return 0;
    }

    private static String format(MemorySegment fmt, MemorySegment ap) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            // vsnprintf consumes ap; keep a copy (what va_copy does on x86_64) for a second, larger try.
            MemorySegment apCopy = arena.allocate(VA_LIST_SIZE, 8);
            apCopy.copyFrom(ap.reinterpret(VA_LIST_SIZE));
            MemorySegment buf = arena.allocate(FIRST_TRY);
            int n = (int) VSNPRINTF.invokeExact(buf, (long) FIRST_TRY, fmt, ap);
            if (n < 0) {
                return "";
            }
            if (n >= FIRST_TRY) {
                buf = arena.allocate(n + 1L);
                n = (int) VSNPRINTF.invokeExact(buf, n + 1L, fmt, apCopy);
            }
            return new String(buf.asSlice(0, n).toArray(JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** libbpf output collected on one thread; nests by restoring the outer capture on close. */
    static final class Capture implements AutoCloseable {
        private final Capture outer;
        private final StringBuilder text = new StringBuilder();

        private Capture(Capture outer) {
            this.outer = outer;
        }

        private void append(String line) {
            text.append(line);
            if (text.length() > CAPTURE_LIMIT) {
                text.delete(0, text.length() - CAPTURE_LIMIT);
            }
        }

        String text() {
            return text.toString();
        }

        @Override
        public void close() {
            if (outer == null) {
                CAPTURE.remove();
            } else {
                CAPTURE.set(outer);
            }
        }
    }
}
