package dev.ebpfmon.chart.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code CHART} line of a chart golden and its dimensions: {@code CHART <type>.<id> title='..'
 * units='..' family='..' context='..' type=<chart type> priority=<n> [when=<condition>]}.
 *
 * @param when the condition under which Netdata sends the chart ({@link Conditions}); empty for a
 *             chart rendered from ebpfmon's definitions, which have no condition
 */
public record GoldenChart(String fullId, String title, String units, String family, String context,
        String chartType, int priority, String when, List<GoldenDimension> dimensions) {

    public GoldenChart {
        when = when == null ? "" : when;
        dimensions = List.copyOf(dimensions);
    }

    public GoldenChart withDimensions(List<GoldenDimension> newDimensions) {
        return new GoldenChart(fullId, title, units, family, context, chartType, priority, when, newDimensions);
    }

    /** The CHART line and its DIMENSION lines. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("CHART " + fullId + " title='" + title + "' units='" + units + "' family='" + family
                + "' context='" + context + "' type=" + chartType + " priority=" + priority
                + (when.isEmpty() ? "" : " when=" + when));
        dimensions.forEach(d -> lines.add(d.line()));
        return lines;
    }
}
