package dev.ebpfmon.module;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import java.util.Arrays;
import java.util.List;

/**
 * A chart fed from a module's counters: each dimension reads one counter id, or a value derived
 * from them, now and at the previous collection (processes still running = created - exited; a
 * hit ratio over the interval). Modules declare their charts with these instead of writing
 * collection code.
 */
public record CounterChart(Chart chart, List<Source> dimensions) {
    /** One dimension's value from the module's counters now and at the previous collection. */
    @FunctionalInterface
    public interface Source {
        long value(long[] now, long[] before);
    }

    public CounterChart {
        dimensions = List.copyOf(dimensions);
        if (dimensions.size() != chart.dimensions().size()) {
            throw new IllegalArgumentException(chart.fullId() + ": " + chart.dimensions().size()
                    + " dimensions but " + dimensions.size() + " sources");
        }
    }

    /** Dimension i reads counter {@code counterIds[i]}. */
    public static CounterChart of(Chart chart, int... counterIds) {
        return new CounterChart(chart, Arrays.stream(counterIds)
                .<Source>mapToObj(id -> (now, before) -> now[id]).toList());
    }

    public Sample sample(long[] now, long[] before) {
        long[] row = new long[dimensions.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = dimensions.get(i).value(now, before);
        }
        return new Sample(chart, row);
    }
}
