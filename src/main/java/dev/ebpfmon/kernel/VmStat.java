package dev.ebpfmon.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The kernel's event counters of /proc/vmstat ({@code pgpgin}, {@code pswpin}, ...), which
 * modules chart their own counts against, read as bytes from a {@link ProcFile}: a tick allocates
 * nothing.
 */
public final class VmStat implements AutoCloseable {
    public static final Path PROC = Path.of("/proc/vmstat");

    /** A counter's name as the bytes that start its line, made once. */
    public record Field(String name, byte[] lineStart) {
        public static Field of(String name) {
            return new Field(name, (name + " ").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final ProcFile file;

    public VmStat(Path file) {
        this.file = new ProcFile(file);
        this.file.read(); // a missing file is an error at start, not at the first tick
    }

    /** Takes the kernel's current counts; {@link #value} reads from them. */
    public void read() {
        file.read();
    }

    /** The counter's value at the last {@link #read()}; a kernel without it is a clear error. */
    public long value(Field field) {
        return valueOf(file.bytes(), file.length(), field, file.path());
    }

    static long valueOf(byte[] text, int length, Field field, Path file) {
        byte[] key = field.lineStart();
        int line = 0;
        while (line < length) {
            if (startsWith(text, line, length, key)) {
                long value = 0;
                for (int i = line + key.length; i < length && text[i] >= '0' && text[i] <= '9'; i++) {
                    value = value * 10 + (text[i] - '0');
                }
                return value;
            }
            while (line < length && text[line] != '\n') {
                line++;
            }
            line++;
        }
        throw new IllegalStateException(file + " has no " + field.name() + " line");
    }

    private static boolean startsWith(byte[] text, int at, int length, byte[] key) {
        if (at + key.length > length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (text[at + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        file.close();
    }
}
