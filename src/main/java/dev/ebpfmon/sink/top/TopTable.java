package dev.ebpfmon.sink.top;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.RateCalculator;
import dev.ebpfmon.chart.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table behind `ebpfmon top`: one row per group (application, process or cgroup), one column
 * per {@link TopColumn}, sorted by a chosen column; rendered to fit the terminal.
 */
public final class TopTable implements TopView {
    private static final int NAME_WIDTH = 16;
    private static final int VALUE_WIDTH = 8;

    private final List<TopColumn> columns;
    private final String rowsAre;
    private final RateCalculator rates = new RateCalculator();
    private final Map<String, double[]> rows = new HashMap<>();
    private int sortColumn;
    private boolean ascending;

    public TopTable(List<TopColumn> columns, String rowsAre) {
        this.columns = List.copyOf(columns);
        this.rowsAre = rowsAre;
    }

    /** Takes one tick's samples; rows are rebuilt from the per-group charts among them. */
    public void update(long nowMillis, List<Sample> samples) {
        rows.clear();
        for (Sample sample : samples) {
            Chart chart = sample.chart();
            int column = columnOf(chart);
            if (column < 0) {
                continue;
            }
            double[] values = rates.rates(nowMillis, sample);
            if (chart.type().startsWith("cgroup_")) {
                put(chart.labels().getOrDefault("cgroup", chart.type().substring("cgroup_".length())), column,
                        values[0]);
            } else {
                for (int d = 0; d < values.length; d++) {
                    put(chart.dimensions().get(d).name(), column, values[d]);
                }
            }
        }
    }

    private int columnOf(Chart chart) {
        for (int i = 0; i < columns.size(); i++) {
            TopColumn c = columns.get(i);
            boolean perGroup = chart.type().equals("apps") || chart.type().equals("services")
                    || chart.type().startsWith("cgroup_");
            boolean match = perGroup && chart.id().equals(c.chartId());
            if (match) {
                return i;
            }
        }
        return -1;
    }

    private void put(String row, int column, double value) {
        rows.computeIfAbsent(row, r -> {
            double[] empty = new double[columns.size()];
            java.util.Arrays.fill(empty, Double.NaN);
            return empty;
        })[column] = value;
    }

    /** Forgets charts that are gone for good (a process or cgroup that went). */
    public void retire(List<Chart> charts) {
        charts.forEach(rates::forget);
    }

    @Override
    public void moveSort(int step) {
        sortColumn = Math.floorMod(sortColumn + step, columns.size());
    }

    @Override
    public void reverse() {
        ascending = !ascending;
    }

    public String sortedBy() {
        return columns.get(sortColumn).header();
    }

    @Override
    public List<String> render(int width, int height) {
        List<String> lines = new ArrayList<>();
        lines.add(fit(String.format(Locale.ROOT, "ebpfmon top - %s by %s %s   q quit  </> sort  r reverse", rowsAre,
                sortedBy(), ascending ? "(asc)" : "(desc)"), width));
        StringBuilder header = new StringBuilder(pad(rowsAre.toUpperCase(Locale.ROOT), NAME_WIDTH));
        for (int i = 0; i < columns.size(); i++) {
            String h = (i == sortColumn ? "*" : "") + columns.get(i).header();
            header.append(left(h, VALUE_WIDTH));
        }
        lines.add(fit(header.toString(), width));
        Comparator<Map.Entry<String, double[]>> bySort = Comparator.comparingDouble(e -> sortKey(e.getValue()));
        List<Map.Entry<String, double[]>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort((ascending ? bySort : bySort.reversed()).thenComparing(Map.Entry::getKey));
        for (var row : sorted) {
            if (lines.size() >= height) {
                break;
            }
            StringBuilder line = new StringBuilder(pad(row.getKey(), NAME_WIDTH));
            for (double v : row.getValue()) {
                line.append(left(human(v), VALUE_WIDTH));
            }
            lines.add(fit(line.toString(), width));
        }
        return lines;
    }

    private double sortKey(double[] values) {
        double v = values[sortColumn];
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    static String human(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.1fG", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return a >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String pad(String s, int width) {
        String cut = s.length() >= width ? s.substring(0, width - 1) : s;
        return cut + " ".repeat(width - cut.length());
    }

    private static String left(String s, int width) {
        String cut = s.length() > width ? s.substring(0, width) : s;
        return " ".repeat(width - cut.length()) + cut;
    }

    private static String fit(String s, int width) {
        return s.length() > width ? s.substring(0, width) : s;
    }
}
