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
 * close, or when the JVM is stopped (SIGTERM, Ctrl-C) before that. The old values are also kept in
 * {@link #SAVED} until they are back, so that after a SIGKILL of the benchmark the next run puts
 * them back first (and says so).
 */
final class KernelLimits implements AutoCloseable {
    static final Path PID_MAX = Path.of("/proc/sys/kernel/pid_max");
    static final Path THREADS_MAX = Path.of("/proc/sys/kernel/threads-max");
    /** PID_MAX_LIMIT on 64-bit kernels. */
    static final long PID_MAX_LIMIT = 4_194_304;
    /** The values to put back, one "path value" per line, while they are raised. */
    static final Path SAVED = Path.of("/run/ebpfmon-bench-limits");
    /** Room for everything else that starts while the swarm lives (builds, the agent's threads). */
    private static final int HEADROOM = 32_768;

    private final Map<Path, String> original = new LinkedHashMap<>();
    private final List<String> changes = new ArrayList<>();
    private final Thread restoreOnExit = new Thread(this::restore, "bench-restore-limits");

    private KernelLimits() {}

    /** Makes room for {@code processes} more single-threaded processes. */
    static KernelLimits raiseFor(int processes) {
        restoreLeftOver();
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
        save();
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
        save();
    }

    /** Writes what is to be put back to {@link #SAVED}, or removes it when nothing is. */
    private void save() {
        try {
            if (original.isEmpty()) {
                Files.deleteIfExists(SAVED);
            } else {
                StringBuilder lines = new StringBuilder();
                original.forEach((path, value) -> lines.append(path).append(' ').append(value).append('\n'));
                Files.writeString(SAVED, lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SAVED, e);
        }
    }

    /** Puts back what an earlier run that was killed had raised. */
    static void restoreLeftOver() {
        if (!Files.exists(SAVED)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(SAVED)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[0].startsWith("/proc/sys/kernel/")) {
                    System.err.println("ebpfmon bench: an earlier run was killed with " + parts[0] + " raised; putting "
                            + parts[1] + " back");
                    write(Path.of(parts[0]), parts[1]);
                }
            }
            Files.delete(SAVED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the limits saved in " + SAVED, e);
        }
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
