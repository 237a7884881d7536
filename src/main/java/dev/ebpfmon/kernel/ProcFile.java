package dev.ebpfmon.kernel;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A /proc file that a collector reads on every tick: opened on the first read and kept open,
 * then read again from its start, which has the kernel write it afresh, into one buffer that grows
 * to the file's size. Files.readString opened, sized, read and closed the file each time (and
 * registered the channel with a Cleaner); a tick of the agent read seven such files. A
 * RandomAccessFile, not a FileChannel: an interrupt (the agent's shutdown interrupts the tick
 * thread) closes a channel in the middle of a read for good. Not thread-safe: one reader.
 */
public final class ProcFile implements AutoCloseable {
    private static final int FIRST_SIZE = 4096;

    private final Path path;
    private RandomAccessFile file;
    private byte[] buffer = new byte[FIRST_SIZE];
    private int length;

    public ProcFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The file's text now. */
    public String text() {
        read();
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /** Reads the file; its bytes are then {@link #bytes()} up to {@link #length()}. */
    public void read() {
        try {
            if (file == null) {
                file = new RandomAccessFile(path.toFile(), "r");
            }
            file.seek(0);
            length = 0;
            int n;
            while ((n = file.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
                if (length == buffer.length) { // procfs hands a file out in pieces, a large one in many
                    buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of the last {@link #read()}, from 0 to {@link #length()}; the array is reused. */
    public byte[] bytes() {
        return buffer;
    }

    public int length() {
        return length;
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
            }
            file = null;
        }
    }
}
