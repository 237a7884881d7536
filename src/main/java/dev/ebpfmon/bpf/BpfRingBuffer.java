package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.function.IntConsumer;

/**
 * A BPF ring buffer of 4-byte values (BPF_MAP_TYPE_RINGBUF written with bpf_ringbuf_output),
 * drained by the calling thread straight from the ring's memory, mapped into this process: no
 * system call and no call back from native code per record (libbpf's ring_buffer__consume cost an
 * upcall per record, 8 % of the agent's tick at 10,000 processes). Not thread-safe: one reader.
 *
 * <p>The kernel's layout (kernel/bpf/ringbuf.c): a page holding the consumer position, which the
 * reader owns and writes; a page holding the producer position; then the data pages, mapped twice
 * in a row so that a record that wraps around the end reads as one. Each record is an 8-byte header
 * (its length, with a busy bit while the producer writes it and a discard bit) and its data,
 * rounded up to 8 bytes.
 */
public final class BpfRingBuffer implements AutoCloseable {
    private static final int BUSY = 1 << 31;
    private static final int DISCARDED = 1 << 30;
    private static final int HEADER = 8;
    private static final VarHandle POSITION = JAVA_LONG.varHandle();
    private static final VarHandle LENGTH = JAVA_INT.varHandle();

    private final String name;
    private final MemorySegment consumer;
    private final MemorySegment producer;
    private final long mask;
    private boolean closed;

    public BpfRingBuffer(BpfMap map) throws BpfException {
        if (map.type() != MapType.RINGBUF) {
            throw new IllegalArgumentException("map " + map.name() + " is a " + map.type() + ", not a ring buffer");
        }
        this.name = map.name();
        long size = Integer.toUnsignedLong(map.maxEntries()); // a power of 2, whole pages: the kernel checks
        this.mask = size - 1;
        this.consumer = Mmap.map(map, 0, Mmap.PAGE_SIZE, Mmap.PROT_READ | Mmap.PROT_WRITE, "the consumer page");
        try {
            this.producer = Mmap.map(map, Mmap.PAGE_SIZE, Mmap.PAGE_SIZE + 2 * size, Mmap.PROT_READ,
                    "the producer page and data");
        } catch (BpfException | RuntimeException e) {
            Mmap.unmap(consumer);
            throw e;
        }
    }

    /**
     * Hands every 4-byte record written so far to {@code into}, in the order written, and frees
     * their room for the kernel.
     *
     * @return the records read
     */
    public int drainInts(IntConsumer into) {
        if (closed) {
            throw new IllegalStateException("ring buffer '" + name + "' is closed");
        }
        long position = (long) POSITION.getAcquire(consumer, 0L);
        int records = 0;
        long written = (long) POSITION.getAcquire(producer, 0L);
        while (position < written) {
            long header = Mmap.PAGE_SIZE + (position & mask);
            int length = (int) LENGTH.getAcquire(producer, header);
            if ((length & BUSY) != 0) {
                break; // reserved, not committed yet: it and all after it wait for the next drain
            }
            int bytes = length & ~(BUSY | DISCARDED);
            if ((length & DISCARDED) == 0) {
                if (bytes < Integer.BYTES) {
                    throw new IllegalStateException("ring buffer '" + name + "' holds a " + bytes + "-byte record");
                }
                into.accept(producer.get(JAVA_INT, header + HEADER));
                records++;
            }
            position += (bytes + HEADER + 7) & ~7L;
            if (position >= written) {
                written = (long) POSITION.getAcquire(producer, 0L);
            }
        }
        POSITION.setRelease(consumer, 0L, position);
        return records;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Mmap.unmap(producer);
            Mmap.unmap(consumer);
        }
    }
}
