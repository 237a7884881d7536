package dev.ebpfmon.chart.golden;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ebpfmon's chart definitions in the chart golden format: sorted by {@code type.id}, dimensions in
 * their order, {@link Placeholders} markers replaced by placeholders. What a golden leaves out
 * (update every, plugin and module fields, the chart name) is not rendered.
 */
public final class GoldenRenderer {
    private GoldenRenderer() {}

    public static List<GoldenChart> render(List<Chart> charts) {
        return charts.stream().map(GoldenRenderer::render).sorted(Comparator.comparing(GoldenChart::fullId)).toList();
    }

    public static GoldenChart render(Chart chart) {
        return new GoldenChart(Placeholders.substitute(chart.fullId()), Placeholders.substitute(chart.title()),
                chart.units(), Placeholders.substitute(chart.family()), Placeholders.substitute(chart.context()),
                chart.chartType().netdataName(), chart.priority(), "",
                chart.dimensions().stream().map(GoldenRenderer::render).toList());
    }

    private static GoldenDimension render(Dimension d) {
        return new GoldenDimension(Placeholders.substitute(d.id()), Placeholders.substitute(d.name()),
                d.algorithm().netdataName(), d.multiplier(), d.divisor(), d.hidden(), "");
    }

    /** The golden text of these charts, one line per CHART and DIMENSION. */
    public static String text(List<GoldenChart> charts) {
        List<String> lines = new ArrayList<>();
        charts.forEach(c -> lines.addAll(c.lines()));
        return String.join("\n", lines) + "\n";
    }
}
