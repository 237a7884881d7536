package dev.ebpfmon.bpf;

import java.lang.foreign.MemorySegment;

/** An attached program; {@link #close()} detaches it. */
public final class BpfLink implements AutoCloseable {
    private final String programName;
    private final MemorySegment handle;
    private boolean closed;

    BpfLink(String programName, MemorySegment handle) {
        this.programName = programName;
        this.handle = handle;
    }

    public String programName() {
        return programName;
    }

    /** The link's fd (owned by the link). */
    int fd() {
        return Libbpf.linkFd(handle);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Detaches and frees the link (bpf_link__destroy); safe to call again, and after the object's close. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // the only failure is a close(2) error on the link fd: the kernel has detached anyway
        Libbpf.linkDestroy(handle);
    }

    @Override
    public String toString() {
        return "BpfLink[" + programName + (closed ? ", closed]" : "]");
    }
}
