package dev.ebpfmon.module.cachestat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The kernel's own count of what the page cache reads from block devices: {@code pgpgin} of
 * /proc/vmstat (KiB, counted when read bios are submitted), in pages of 4 KiB (x86_64, the one
 * architecture ebpfmon builds for). The file stays open and is read again from its start each
 * time, into one buffer: a reading allocates nothing.
 */
final class PagesReadFromDisk implements AutoCloseable {
    private static final byte[] KEY = "pgpgin ".getBytes(StandardCharsets.US_ASCII);
    private static final long KIB_PER_PAGE = 4;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    PagesReadFromDisk(Path vmstat) {
        this.file = vmstat;
        try {
            this.channel = FileChannel.open(vmstat);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + vmstat + ": " + e.getMessage(), e);
        }
    }

    /** Pages read from block devices since boot. */
    long pages() {
        buffer.clear();
        try {
            while (channel.read(buffer, buffer.position()) > 0 && buffer.hasRemaining()) {
                // procfs hands the file out in pieces
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return valueOf(buffer.array(), buffer.position(), file) / KIB_PER_PAGE;
    }

    /** The value of {@code pgpgin} in vmstat text of {@code length} bytes. */
    static long valueOf(byte[] text, int length, Path file) {
        int line = 0;
        while (line < length) {
            if (startsWith(text, line, length)) {
                long value = 0;
                for (int i = line + KEY.length; i < length && text[i] >= '0' && text[i] <= '9'; i++) {
                    value = value * 10 + (text[i] - '0');
                }
                return value;
            }
            while (line < length && text[line] != '\n') {
                line++;
            }
            line++;
        }
        throw new IllegalStateException(file + " has no pgpgin line");
    }

    private static boolean startsWith(byte[] text, int at, int length) {
        if (at + KEY.length > length) {
            return false;
        }
        for (int i = 0; i < KEY.length; i++) {
            if (text[at + i] != KEY[i]) {
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
