package dev.ebpfmon.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An attached iterator program ({@code SEC("iter/...")}) run on demand: each {@link #run()} makes
 * the kernel a fresh iterator from the link and reads what the program wrote, to its end. The
 * output buffer is kept from run to run and doubles when an output does not fit. One thread at a
 * time.
 */
public final class BpfIterator implements AutoCloseable {
    private final BpfLink link;
    private final String what;
    private final MemorySegment errno;
    private final Arena errnoArena = Arena.ofShared();
    private Arena bufferArena;
    private MemorySegment buffer;

    /** @param link the attached iterator program; closed with this */
    public BpfIterator(BpfLink link, long initialBytes) {
        this.link = link;
        this.what = "iterator of program '" + link.programName() + "'";
        this.errno = errnoArena.allocate(Libbpf.ERRNO_STATE);
        allocate(Math.max(64, initialBytes));
    }

    private void allocate(long bytes) {
        Arena next = Arena.ofShared();
        MemorySegment larger = next.allocate(bytes, Long.BYTES);
        if (buffer != null) {
            MemorySegment.copy(buffer, 0, larger, 0, buffer.byteSize());
            bufferArena.close();
        }
        bufferArena = next;
        buffer = larger;
    }

    /** Runs the iterator once: its whole output, valid until the next run. */
    public MemorySegment run() throws BpfException {
        int fd = Libbpf.iterCreate(link.fd());
        if (fd < 0) {
            throw new BpfException("create an " + what, -fd, null);
        }
        try {
            long total = 0;
            while (true) {
                if (total == buffer.byteSize()) {
                    allocate(buffer.byteSize() * 2);
                }
                long n = Libc.read(fd, buffer.asSlice(total), errno);
                if (n < 0) {
                    throw new BpfException("read the " + what, (int) -n, null);
                }
                if (n == 0) {
                    return buffer.asSlice(0, total);
                }
                total += n;
            }
        } finally {
            Libc.close(fd);
        }
    }

    @Override
    public void close() {
        link.close();
        bufferArena.close();
        errnoArena.close();
    }
}
