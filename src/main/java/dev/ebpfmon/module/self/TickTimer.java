package dev.ebpfmon.module.self;

/**
 * How long collection ticks take, fed by the tick loop after each tick and read by the self
 * collector: the last tick's wall time and the CPU time its thread used, and the longest wall time
 * since the previous read. Wall time above CPU time is time the tick waited (for a CPU, for I/O).
 * Thread-safe: the loop and the collector may run on different threads.
 */
public final class TickTimer {
    /** What the collector reads. */
    public record Reading(long lastNanos, long maxNanos, long lastCpuNanos, long ticks) {}

    private long lastNanos;
    private long maxNanos;
    private long lastCpuNanos;
    private long ticks;

    public synchronized void record(long nanos, long cpuNanos) {
        if (nanos < 0 || cpuNanos < 0) {
            throw new IllegalArgumentException("tick duration " + nanos + " ns, CPU " + cpuNanos + " ns");
        }
        lastNanos = nanos;
        lastCpuNanos = cpuNanos;
        maxNanos = Math.max(maxNanos, nanos);
        ticks++;
    }

    /** The last tick, the longest since the previous call, and the number of ticks ever recorded. */
    public synchronized Reading readAndReset() {
        Reading reading = new Reading(lastNanos, maxNanos, lastCpuNanos, ticks);
        maxNanos = 0;
        return reading;
    }
}
