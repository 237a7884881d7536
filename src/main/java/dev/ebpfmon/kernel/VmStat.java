package dev.ebpfmon.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The kernel's event counters of /proc/vmstat ({@code pgpgin}, {@code pswpin}, ...), which
 * modules chart their own counts against. The file stays open and {@link #read()} reads it again
 * from its start into one buffer, so that a tick allocates nothing.
 */
public final class VmStat implements AutoCloseable {
    public static final Path PROC = Path.of("/proc/vmstat");

    /** A counter's name as the bytes that start its line, made once. */
    public record Field(String name, byte[] lineStart) {
        public static Field of(String name) {
            return new Field(name, (name + " ").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    public VmStat(Path file) {
        this.file = file;
        try {
            this.channel = FileChannel.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Takes the kernel's current counts; {@link #value} reads from them. */
    public void read() {
        buffer.clear();
        try {
            while (channel.read(buffer, buffer.position()) > 0 && buffer.hasRemaining()) {
                // procfs hands the file out in pieces
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The counter's value at the last {@link #read()}; a kernel without it is a clear error. */
    public long value(Field field) {
        return valueOf(buffer.array(), buffer.position(), field, file);
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
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held but the descriptor
        }
    }
}
