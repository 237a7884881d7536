package dev.ebpfmon.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A /proc file that a collector reads on every tick: opened on the first read and kept open,
 * then read again from its start, which has the kernel write it afresh, into one buffer that grows
 * to the file's size. Files.readString opened, sized, read and closed the file each time (and
 * registered the channel with a Cleaner); a tick of the agent read seven such files. Not
 * thread-safe: one reader.
 */
public final class ProcFile implements AutoCloseable {
    private static final int FIRST_SIZE = 4096;

    private final Path file;
    private FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(FIRST_SIZE);

    public ProcFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The file's text now. */
    public String text() {
        read();
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** Reads the file; its bytes are then {@link #bytes()} up to {@link #length()}. */
    public void read() {
        try {
            if (channel == null) {
                channel = FileChannel.open(file);
            }
            buffer.clear();
            while (channel.read(buffer, buffer.position()) > 0) {
                if (!buffer.hasRemaining()) { // procfs hands a file out in pieces, a large one in many
                    buffer = ByteBuffer.allocate(buffer.capacity() * 2).put(buffer.flip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of the last {@link #read()}, from 0 to {@link #length()}; the array is reused. */
    public byte[] bytes() {
        return buffer.array();
    }

    public int length() {
        return buffer.position();
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
            }
            channel = null;
        }
    }
}
