package dev.ebpfmon.module.swap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The kernel's own count of swap traffic: {@code pswpin} and {@code pswpout} of /proc/vmstat,
 * pages read from and written to swap devices. The file stays open and is read again from its
 * start each time, into one buffer: a reading allocates nothing.
 */
final class SwapVmstat implements AutoCloseable {
    private static final byte[] PSWPIN = "pswpin ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PSWPOUT = "pswpout ".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    SwapVmstat(Path vmstat) {
        this.file = vmstat;
        try {
            this.channel = FileChannel.open(vmstat);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + vmstat + ": " + e.getMessage(), e);
        }
    }

    /** Stores pages swapped in at {@code into[in]} and pages swapped out at {@code into[out]}. */
    void read(long[] into, int in, int out) {
        buffer.clear();
        try {
            while (channel.read(buffer, buffer.position()) > 0 && buffer.hasRemaining()) {
                // procfs hands the file out in pieces
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        into[in] = valueOf(buffer.array(), buffer.position(), PSWPIN);
        into[out] = valueOf(buffer.array(), buffer.position(), PSWPOUT);
    }

    /** The value on the line starting with {@code key} in vmstat text of {@code length} bytes. */
    long valueOf(byte[] text, int length, byte[] key) {
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
        throw new IllegalStateException(file + " has no " + new String(key, StandardCharsets.US_ASCII).strip()
                + " line");
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
