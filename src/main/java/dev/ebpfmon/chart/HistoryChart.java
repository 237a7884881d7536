package dev.ebpfmon.chart;

import java.util.List;

/**
 * What the history holds of one chart, as readers see it at one moment.
 *
 * @param chart      the chart's latest definition
 * @param dimensions the dimensions with data in the history, in the order they first appeared: the
 *                   latest definition's dimensions plus those that left it but have not aged out
 * @param firstEntry the oldest epoch second still held
 * @param lastEntry  the newest epoch second recorded
 */
public record HistoryChart(Chart chart, List<Dimension> dimensions, long firstEntry, long lastEntry) {

    public HistoryChart {
        dimensions = List.copyOf(dimensions);
    }
}
