package dev.ebpfmon.module;

import java.util.Map;

/**
 * A module's running totals and the kernel's own count of the same events, each read just before
 * and just after a collector's tick, so that the tick's own reads fall between them. Over the
 * window between two ticks the test then knows exact bounds for what the collector saw, however
 * long its reads took: a guest of the kernel matrix under TCG can stall for half a second between
 * two reads, and hundreds of softirqs fit in that. Comparing one read of each side with the other
 * (as these scenarios first did) failed whenever the two ticks' stalls differed.
 *
 * <p>All totals only grow (per-CPU counters summed, /proc totals), which is what makes the bounds
 * exact.
 */
public record TickBracket(Map<String, Long> oursBefore, Map<String, Long> kernelBefore,
        Map<String, Long> kernelAfter, Map<String, Long> oursAfter) {

    /** Reads running totals by row. */
    @FunctionalInterface
    public interface Totals {
        Map<String, Long> read() throws Exception;
    }

    /** The collector's tick. */
    @FunctionalInterface
    public interface Tick {
        void run() throws Exception;
    }

    /** Ours, the kernel's, the tick, the kernel's, ours: each side's reads bracket the tick's. */
    public static TickBracket around(Totals ours, Totals kernel, Tick tick) throws Exception {
        Map<String, Long> oursBefore = ours.read();
        Map<String, Long> kernelBefore = kernel.read();
        tick.run();
        Map<String, Long> kernelAfter = kernel.read();
        return new TickBracket(oursBefore, kernelBefore, kernelAfter, ours.read());
    }

    /** The window from one bracketed tick to the next. */
    public record Window(TickBracket start, TickBracket end) {

        /** Events the kernel counted certainly inside the window between the two ticks. */
        public long kernelAtLeast(String row) {
            return grown(end.kernelBefore, start.kernelAfter, row);
        }

        /** Events the kernel counted in the window or during either tick's reads. */
        public long kernelAtMost(String row) {
            return grown(end.kernelAfter, start.kernelBefore, row);
        }

        public long oursAtLeast(String row) {
            return grown(end.oursBefore, start.oursAfter, row);
        }

        public long oursAtMost(String row) {
            return grown(end.oursAfter, start.oursBefore, row);
        }

        /**
         * The least a drift chart (the kernel's growth minus ours between the two ticks' reads) can
         * honestly say.
         */
        public long driftAtLeast(String row) {
            return kernelAtLeast(row) - oursAtMost(row);
        }

        public long driftAtMost(String row) {
            return kernelAtMost(row) - oursAtLeast(row);
        }

        /** Whether the kernel's count has the row at both ends (an IRQ may show up in between). */
        public boolean kernelHas(String row) {
            return start.kernelBefore.containsKey(row) && end.kernelAfter.containsKey(row);
        }

        /** "kernel 2375..2382 / ours 2370..2384", for assertion messages. */
        public String describe(String row) {
            return row + " kernel " + kernelAtLeast(row) + ".." + kernelAtMost(row) + " / ours " + oursAtLeast(row)
                    + ".." + oursAtMost(row);
        }

        private static long grown(Map<String, Long> later, Map<String, Long> earlier, String row) {
            return later.getOrDefault(row, 0L) - earlier.getOrDefault(row, 0L);
        }
    }
}
