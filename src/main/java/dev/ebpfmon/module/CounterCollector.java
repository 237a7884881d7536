package dev.ebpfmon.module;

import dev.ebpfmon.chart.Tick;
import java.util.List;

/** Collects a module whose host charts all come from one set of host counters. */
public final class CounterCollector implements Collector {
    private final HostCounters host;
    private final List<CounterChart> charts;
    private long[] now;
    private long[] before;

    public CounterCollector(HostCounters host, List<CounterChart> charts) {
        this.host = host;
        this.charts = List.copyOf(charts);
        this.now = new long[host.size()];
        this.before = new long[host.size()];
    }

    @Override
    public void collect(Tick tick) {
        long[] previous = now;
        now = before;
        before = previous;
        host.read(now);
        for (CounterChart chart : charts) {
            tick.add(chart.sample(now, before));
        }
    }

    @Override
    public void close() {
        host.close();
    }
}
