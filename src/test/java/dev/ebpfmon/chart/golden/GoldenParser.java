package dev.ebpfmon.chart.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the chart golden format ({@link GoldenChart}, {@link GoldenDimension}); {@code #} starts a comment line. */
public final class GoldenParser {
    private static final Pattern CHART = Pattern.compile("CHART (\\S+)((?: \\w+=(?:'[^']*'|\\S+))*)");
    private static final Pattern FIELD = Pattern.compile(" (\\w+)=(?:'([^']*)'|(\\S+))");
    private static final Set<String> CHART_FIELDS = Set.of("title", "units", "family", "context", "type", "priority");
    private static final Pattern DIMENSION = Pattern.compile(
            "DIMENSION (\\S+) name=(\\S+) (\\S+) (-?\\d+) (-?\\d+)( hidden)?(?: when=(\\S+))?");

    private GoldenParser() {}

    /**
     * @param source named in errors, e.g. the file
     * @throws IllegalArgumentException naming the source and line of anything that is not the format
     */
    public static List<GoldenChart> parse(String source, List<String> lines) {
        List<GoldenChart> charts = new ArrayList<>();
        GoldenChart chart = null;
        List<GoldenDimension> dimensions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripTrailing();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            if (line.startsWith("CHART ")) {
                if (chart != null) {
                    charts.add(chart.withDimensions(dimensions));
                }
                chart = chart(where, line);
                dimensions = new ArrayList<>();
            } else if (line.startsWith("DIMENSION ")) {
                if (chart == null) {
                    throw new IllegalArgumentException(where + "DIMENSION before any CHART");
                }
                dimensions.add(dimension(where, line, dimensions));
            } else {
                throw new IllegalArgumentException(where + "expected CHART, DIMENSION or a # comment: " + line);
            }
        }
        if (chart != null) {
            charts.add(chart.withDimensions(dimensions));
        }
        return charts;
    }

    private static GoldenChart chart(String where, String line) {
        Matcher m = CHART.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + "cannot read CHART line: " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher f = FIELD.matcher(m.group(2));
        while (f.find()) {
            if (fields.put(f.group(1), f.group(2) != null ? f.group(2) : f.group(3)) != null) {
                throw new IllegalArgumentException(where + "field " + f.group(1) + " given twice");
            }
        }
        for (String required : CHART_FIELDS) {
            if (!fields.containsKey(required)) {
                throw new IllegalArgumentException(where + "CHART " + m.group(1) + " has no " + required + "=");
            }
        }
        for (String key : fields.keySet()) {
            if (!CHART_FIELDS.contains(key) && !key.equals("when")) {
                throw new IllegalArgumentException(where + "unknown field " + key + "=");
            }
        }
        if (m.group(1).indexOf('.') <= 0) {
            throw new IllegalArgumentException(where + "chart '" + m.group(1) + "' is not type.id");
        }
        return new GoldenChart(m.group(1), fields.get("title"), fields.get("units"), fields.get("family"),
                fields.get("context"), fields.get("type"), integer(where, "priority", fields.get("priority")),
                fields.get("when"), List.of());
    }

    private static GoldenDimension dimension(String where, String line, List<GoldenDimension> earlier) {
        Matcher m = DIMENSION.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + "cannot read DIMENSION line: " + line);
        }
        if (earlier.stream().anyMatch(d -> d.id().equals(m.group(1)))) {
            throw new IllegalArgumentException(where + "dimension " + m.group(1) + " given twice");
        }
        return new GoldenDimension(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)), m.group(6) != null, m.group(7));
    }

    private static int integer(String where, String what, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + what + " '" + value + "' is not a number", e);
        }
    }
}
