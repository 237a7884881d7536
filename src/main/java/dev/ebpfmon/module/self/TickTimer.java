package dev.ebpfmon.module.self;

/**
 * How long collection ticks take, fed by the tick loop after each tick and read by the self
 * collector: the last tick's wall time, the CPU time the tick thread used for it, and the longest
 * wall time since the previous read. A tick's CPU time runs from the previous tick's end to its own,
 * so the seconds in between with nothing due (update every > 1) are in it: the tick thread's whole
 * CPU, as the process's own accounting of that thread sees it. Wall time above CPU time is time the
 * tick waited (for a CPU, for an RCU grace period, for the output's reader).
 * Thread-safe: the loop and the collector may run on different threads.
 */
public final class TickTimer {
    /** What the collector reads. */
    public record Reading(long lastNanos, long maxNanos, long lastCpuNanos, long ticks) {}

    private long lastNanos;
    private long maxNanos;
    private long lastCpuNanos;
    private long ticks;
    private long cpuMark;

    /** @param cpuClockNanos the tick thread's CPU clock when the loop starts: the first tick's CPU counts from here */
    public synchronized void start(long cpuClockNanos) {
        cpuMark = cpuClockNanos;
    }

    /**
     * @param nanos the tick's wall time, from its first read to its output written
     * @param cpuClockNanos the tick thread's CPU clock at the tick's end
     */
    public synchronized void record(long nanos, long cpuClockNanos) {
        if (nanos < 0 || cpuClockNanos < cpuMark) {
            throw new IllegalArgumentException("tick duration " + nanos + " ns, CPU clock " + cpuClockNanos
                    + " ns, before it " + cpuMark + " ns");
        }
        lastNanos = nanos;
        lastCpuNanos = cpuClockNanos - cpuMark;
        cpuMark = cpuClockNanos;
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
