package dev.ebpfmon.module;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A chart fed from a module's counters: each dimension reads one counter id, or a value derived
 * from several (e.g. processes still running = created - exited). Modules declare their charts
 * with these instead of writing collection code.
 */
public record CounterChart(Chart chart, List<ToLongFunction<long[]>> dimensions) {
    public CounterChart {
        dimensions = List.copyOf(dimensions);
        if (dimensions.size() != chart.dimensions().size()) {
            throw new IllegalArgumentException(chart.fullId() + ": " + chart.dimensions().size()
                    + " dimensions but " + dimensions.size() + " sources");
        }
    }

    /** Dimension i reads counter {@code counterIds[i]}. */
    public static CounterChart of(Chart chart, int... counterIds) {
        return new CounterChart(chart, java.util.Arrays.stream(counterIds)
                .<ToLongFunction<long[]>>mapToObj(id -> counters -> counters[id]).toList());
    }

    public Sample sample(long[] counters) {
        long[] row = new long[dimensions.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = dimensions.get(i).applyAsLong(counters);
        }
        return new Sample(chart, row);
    }
}
