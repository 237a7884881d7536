package dev.ebpfmon.module;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import java.util.ArrayList;
import java.util.List;

/** Collects a module whose charts all come from one set of host counters. */
public final class CounterCollector implements Collector {
    private final HostCounters host;
    private final List<CounterChart> charts;
    private final long[] counters;

    public CounterCollector(HostCounters host, List<CounterChart> charts) {
        this.host = host;
        this.charts = List.copyOf(charts);
        this.counters = new long[host.size()];
    }

    @Override
    public List<Chart> charts() {
        return charts.stream().map(CounterChart::chart).toList();
    }

    @Override
    public List<Sample> collect() {
        host.read(counters);
        List<Sample> samples = new ArrayList<>(charts.size());
        for (CounterChart chart : charts) {
            samples.add(chart.sample(counters));
        }
        return samples;
    }
}
