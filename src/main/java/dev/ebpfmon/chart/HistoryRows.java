package dev.ebpfmon.chart;

import java.util.List;

/**
 * The answer to a history query: one row per second (or per group of seconds), oldest first.
 *
 * @param chart      the chart's latest definition
 * @param dimensions what each row's values belong to, in order
 * @param rows       oldest first
 */
public record HistoryRows(Chart chart, List<Dimension> dimensions, List<Row> rows) {

    public HistoryRows {
        dimensions = List.copyOf(dimensions);
        rows = List.copyOf(rows);
    }

    /**
     * @param epochSecond the second the row stands for; for a group of seconds, its newest second
     * @param values      one per dimension; {@code NaN} where nothing was known
     */
    public record Row(long epochSecond, double[] values) {}
}
