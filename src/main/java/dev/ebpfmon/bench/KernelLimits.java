package dev.ebpfmon.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raises the kernel's process limits for a swarm of processes, and puts the old values back on
 * close, or when the JVM is stopped (SIGTERM, Ctrl-C) before that. Only a SIGKILL of the benchmark
 * leaves them raised; {@link #describe()} says what to write back then.
 */
final class KernelLimits implements AutoCloseable {
    static final Path PID_MAX = Path.of("/proc/sys/kernel/pid_max");
    static final Path THREADS_MAX = Path.of("/proc/sys/kernel/threads-max");
    /** PID_MAX_LIMIT on 64-bit kernels. */
    static final long PID_MAX_LIMIT = 4_194_304;
    /** Room for everything else that starts while the swarm lives (builds, the agent's threads). */
    private static final int HEADROOM = 32_768;

    private final Map<Path, String> original = new LinkedHashMap<>();
    private final List<String> changes = new ArrayList<>();
    private final Thread restoreOnExit = new Thread(this::restore, "bench-restore-limits");

    private KernelLimits() {}

    /** Makes room for {@code processes} more single-threaded processes. */
    static KernelLimits raiseFor(int processes) {
        KernelLimits limits = new KernelLimits();
        Runtime.getRuntime().addShutdownHook(limits.restoreOnExit);
        try {
            long needed = (long) ProcFiles.tasks() + processes + HEADROOM;
            limits.atLeast(PID_MAX, needed, Math.min(PID_MAX_LIMIT, Long.highestOneBit(needed) * 4));
            limits.atLeast(THREADS_MAX, needed, 2 * needed);
        } catch (RuntimeException e) {
            limits.close();
            throw e;
        }
        return limits;
    }

    private void atLeast(Path sysctl, long needed, long raiseTo) {
        String before = read(sysctl);
        if (Long.parseLong(before) >= needed) {
            return;
        }
        original.put(sysctl, before);
        write(sysctl, Long.toString(raiseTo));
        changes.add(name(sysctl) + " " + before + " -> " + raiseTo);
    }

    /** e.g. "kernel.pid_max 32768 -> 4194304 (restored afterwards)", or that nothing was changed. */
    String describe() {
        return changes.isEmpty() ? "kernel limits left as they were" : String.join(", ", changes) + " (restored afterwards)";
    }

    private synchronized void restore() {
        original.forEach(KernelLimits::write);
        original.clear();
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (and finds nothing left to restore)
        }
    }

    private static String name(Path sysctl) {
        return "kernel." + sysctl.getFileName();
    }

    /**
     * One read call, as sysctl(8) does: a sysctl file answers only at offset 0, so reading it the
     * way Files.readString does (a first byte, then the rest) returns its first character alone.
     */
    static String read(Path sysctl) {
        try (java.io.BufferedReader in = Files.newBufferedReader(sysctl)) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("empty");
            }
            return line.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sysctl, e);
        }
    }

    private static void write(Path sysctl, String value) {
        try {
            Files.writeString(sysctl, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value + " to " + sysctl + " (root needed)", e);
        }
    }
}
