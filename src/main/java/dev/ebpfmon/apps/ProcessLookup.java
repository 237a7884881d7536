package dev.ebpfmon.apps;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One process at a time from /proc, for callers that learn of processes elsewhere (the kernel's
 * per-process records) and read /proc only for what the kernel cannot tell: the command line,
 * and the parents of processes it has not seen. Not thread-safe (one reused buffer).
 */
public final class ProcessLookup {
    private final ProcReader reader;

    public ProcessLookup(Path procRoot) {
        this.reader = new ProcReader(procRoot.toString());
    }

    /** The host's /proc. */
    public static ProcessLookup host() {
        return new ProcessLookup(Path.of("/proc"));
    }

    /** Everything /proc says of {@code pid}; empty when it is gone. */
    public Optional<ProcessInfo> process(int pid) {
        return Optional.ofNullable(reader.full(pid));
    }

    /** The command line, arguments joined by spaces; empty when gone or a kernel thread. */
    public String cmdline(int pid) {
        return reader.cmdline(pid);
    }

    /** Whether {@code pid} still exists (a zombie counts). */
    public boolean exists(int pid) {
        return reader.stat(pid) != null;
    }
}
