package dev.ebpfmon.module.softirq;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.Collector;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Per tick: each vector's running total of handler time (Netdata's chart, in milliseconds), and
 * what /proc/softirqs counted minus what the module counted since the tick before (the drift: 0
 * while the tracepoints see every softirq, but for runs that straddle a tick).
 */
final class SoftirqCollector implements Collector {
    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final int VECTORS = SoftirqVector.values().length;

    private final Consumer<long[]> counters;
    private final Supplier<long[]> procSoftirqs;
    private final Runnable onClose;
    private final Chart latency;
    private final Chart drift;
    private long[] now = new long[SoftirqVector.COUNTERS];
    private long[] before = new long[SoftirqVector.COUNTERS];
    private long[] kernelBefore;

    /**
     * @param counters     fills the module's counters (SoftirqVector layout), summed over CPUs
     * @param procSoftirqs the totals of /proc/softirqs (see {@link ProcSoftirqs#totals(byte[], int)})
     */
    SoftirqCollector(Consumer<long[]> counters, Supplier<long[]> procSoftirqs, Runnable onClose, Chart latency,
            Chart drift) {
        this.counters = counters;
        this.procSoftirqs = procSoftirqs;
        this.onClose = onClose;
        this.latency = latency;
        this.drift = drift;
    }

    @Override
    public void collect(Tick tick) {
        long[] previous = before;
        before = now;
        now = previous;
        counters.accept(now);
        long[] kernel = procSoftirqs.get();
        long[] ms = new long[VECTORS];
        long[] missed = new long[VECTORS];
        for (SoftirqVector v : SoftirqVector.values()) {
            int i = v.ordinal();
            ms[i] = now[v.latencyId()] / NANOS_PER_MILLI;
            if (kernelBefore != null && kernel[i] != ProcSoftirqs.ABSENT && kernelBefore[i] != ProcSoftirqs.ABSENT) {
                missed[i] = (kernel[i] - kernelBefore[i]) - (now[v.eventsId()] - before[v.eventsId()]);
            }
        }
        kernelBefore = kernel;
        tick.add(new Sample(latency, ms));
        tick.add(new Sample(drift, missed));
    }

    @Override
    public void close() {
        onClose.run();
    }
}
