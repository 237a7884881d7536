package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntConsumer;

/**
 * A BPF ring buffer of 4-byte values (BPF_MAP_TYPE_RINGBUF written with bpf_ringbuf_output),
 * drained by the calling thread through libbpf's ring_buffer__consume: libbpf maps the ring and
 * keeps the consumer position, and calls back once per record. Not thread-safe: one reader.
 */
@SuppressWarnings("restricted") // this package is the project's one native boundary
public final class BpfRingBuffer implements AutoCloseable {
    private static final MethodHandle ON_RECORD;

    static {
        try {
            ON_RECORD = MethodHandles.lookup().findVirtual(BpfRingBuffer.class, "onRecord",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment ring;
    private IntConsumer sink;
    private RuntimeException failure;

    public BpfRingBuffer(BpfMap map) throws BpfException {
        if (map.type() != MapType.RINGBUF) {
            throw new IllegalArgumentException("map " + map.name() + " is a " + map.type() + ", not a ring buffer");
        }
        this.name = map.name();
        MemorySegment callback = Linker.nativeLinker().upcallStub(ON_RECORD.bindTo(this),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG), arena);
        MemorySegment errno = arena.allocate(Libbpf.ERRNO_STATE);
        MemorySegment r = Libbpf.ringBufferNew(errno, map.fd(), callback);
        if (r.address() == 0) {
            int err = Libbpf.errno(errno);
            arena.close();
            throw new BpfException("open ring buffer '" + name + "'", err, null);
        }
        this.ring = r;
    }

    /**
     * Hands every 4-byte record written so far to {@code into}, in the order written.
     *
     * @return the records read
     */
    public int drainInts(IntConsumer into) throws BpfException {
        sink = into;
        try {
            int n = Libbpf.ringBufferConsume(ring);
            if (failure != null) {
                throw failure;
            }
            if (n < 0) {
                throw new BpfException("read ring buffer '" + name + "'", -n, null);
            }
            return n;
        } finally {
            sink = null;
            failure = null;
        }
    }

    /** Called by libbpf for each record; an exception must not cross into native code. */
    private int onRecord(MemorySegment context, MemorySegment data, long size) {
        try {
            if (size < Integer.BYTES) {
                throw new IllegalStateException("ring buffer '" + name + "' holds a " + size + "-byte record");
            }
            sink.accept(data.reinterpret(size).get(JAVA_INT, 0));
            return 0;
        } catch (RuntimeException e) {
            failure = e;
            return -1;
        }
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            Libbpf.ringBufferFree(ring);
            arena.close();
        }
    }
}
