package dev.ebpfmon.sink.prometheus;

import dev.ebpfmon.chart.Algorithm;

/** The Prometheus metric type a chart becomes. */
enum MetricKind {
    /** Running totals: Netdata's incremental dimensions. */
    COUNTER,
    /** Current values: Netdata's absolute dimensions. */
    GAUGE,
    /** A chart of log2 bucket counters (see {@link HistogramHint}). */
    HISTOGRAM;

    /**
     * Counter or gauge, from what a dimension's raw value is. A percentage-of-incremental-row
     * dimension carries a growing total like an incremental one (Netdata derives the percentage),
     * a percentage-of-absolute-row dimension a current value.
     */
    static MetricKind of(Algorithm algorithm) {
        return switch (algorithm) {
            case INCREMENTAL, PERCENTAGE_OF_INCREMENTAL_ROW -> COUNTER;
            case ABSOLUTE, PERCENTAGE_OF_ABSOLUTE_ROW -> GAUGE;
        };
    }
}
