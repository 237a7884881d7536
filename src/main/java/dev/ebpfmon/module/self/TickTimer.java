package dev.ebpfmon.module.self;

/**
 * How long collection ticks take, fed by the tick loop after each tick and read by the self
 * collector: the last tick and the longest since the previous read. Thread-safe: the loop and the
 * collector may run on different threads.
 */
public final class TickTimer {
    /** What the collector reads. */
    public record Reading(long lastNanos, long maxNanos, long ticks) {}

    private long lastNanos;
    private long maxNanos;
    private long ticks;

    public synchronized void record(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("tick duration " + nanos + " ns");
        }
        lastNanos = nanos;
        maxNanos = Math.max(maxNanos, nanos);
        ticks++;
    }

    /** The last tick, the longest since the previous call, and the number of ticks ever recorded. */
    public synchronized Reading readAndReset() {
        Reading reading = new Reading(lastNanos, maxNanos, ticks);
        maxNanos = 0;
        return reading;
    }
}
