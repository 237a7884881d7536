package dev.ebpfmon.chart.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/** Compares a rendering of ebpfmon's charts with a module's golden, field by field. */
public final class GoldenDiff {
    private static final String ABSENT = "(none)";

    private GoldenDiff() {}

    /** Every drift, by chart id; empty when ebpfmon's charts are the golden's. */
    public static List<ChartDrift> diff(String module, List<GoldenChart> golden, List<GoldenChart> ebpfmon) {
        List<ChartDrift> drifts = new ArrayList<>();
        Map<String, GoldenChart> expected = byId(module, golden, drifts);
        Map<String, GoldenChart> actual = byId(module, ebpfmon, drifts);
        for (String id : new TreeSet<>(union(expected.keySet(), actual.keySet()))) {
            GoldenChart e = expected.get(id);
            GoldenChart a = actual.get(id);
            if (e == null || a == null) {
                drifts.add(new ChartDrift(module, id, "chart", e == null ? ABSENT : "present",
                        a == null ? ABSENT : "present"));
                continue;
            }
            field(drifts, module, id, "title", e, a, GoldenChart::title);
            field(drifts, module, id, "units", e, a, GoldenChart::units);
            field(drifts, module, id, "family", e, a, GoldenChart::family);
            field(drifts, module, id, "context", e, a, GoldenChart::context);
            field(drifts, module, id, "type", e, a, GoldenChart::chartType);
            field(drifts, module, id, "priority", e, a, c -> Integer.toString(c.priority()));
            dimensions(drifts, module, id, e.dimensions(), a.dimensions());
        }
        return drifts;
    }

    /** Fails with every drift, one per line, when ebpfmon's charts are not the golden's. */
    public static void assertSame(String module, List<GoldenChart> golden, List<GoldenChart> ebpfmon) {
        List<ChartDrift> drifts = diff(module, golden, ebpfmon);
        if (!drifts.isEmpty()) {
            StringBuilder message = new StringBuilder(module + ": " + drifts.size()
                    + " difference(s) from src/test/resources/golden/charts/" + module + ".txt"
                    + " (a deliberate one belongs in src/test/resources/netdata/deviations.tsv):");
            drifts.forEach(d -> message.append("\n  ").append(d));
            throw new AssertionError(message.toString());
        }
    }

    private static Map<String, GoldenChart> byId(String module, List<GoldenChart> charts, List<ChartDrift> drifts) {
        Map<String, GoldenChart> byId = new LinkedHashMap<>();
        for (GoldenChart c : charts) {
            if (byId.putIfAbsent(c.fullId(), c) != null) {
                drifts.add(new ChartDrift(module, c.fullId(), "chart", "defined once", "defined twice"));
            }
        }
        return byId;
    }

    private static void field(List<ChartDrift> drifts, String module, String id, String name, GoldenChart e,
            GoldenChart a, Function<GoldenChart, String> value) {
        if (!Objects.equals(value.apply(e), value.apply(a))) {
            drifts.add(new ChartDrift(module, id, name, value.apply(e), value.apply(a)));
        }
    }

    private static void dimensions(List<ChartDrift> drifts, String module, String chart, List<GoldenDimension> golden,
            List<GoldenDimension> ebpfmon) {
        Map<String, GoldenDimension> expected = new LinkedHashMap<>();
        golden.forEach(d -> expected.put(d.id(), d));
        Map<String, GoldenDimension> actual = new LinkedHashMap<>();
        ebpfmon.forEach(d -> actual.put(d.id(), d));
        for (String id : union(expected.keySet(), actual.keySet())) {
            GoldenDimension e = expected.get(id);
            GoldenDimension a = actual.get(id);
            String field = "dimension " + id;
            if (e == null || a == null) {
                drifts.add(new ChartDrift(module, chart, field, e == null ? ABSENT : e.spec(),
                        a == null ? ABSENT : a.spec()));
                continue;
            }
            dimensionField(drifts, module, chart, field + " name", e.name(), a.name());
            dimensionField(drifts, module, chart, field + " algorithm", e.algorithm(), a.algorithm());
            dimensionField(drifts, module, chart, field + " multiplier", e.multiplier(), a.multiplier());
            dimensionField(drifts, module, chart, field + " divisor", e.divisor(), a.divisor());
            dimensionField(drifts, module, chart, field + " hidden", e.hidden(), a.hidden());
        }
        List<String> order = ebpfmon.stream().map(GoldenDimension::id).filter(expected::containsKey).toList();
        List<String> goldenOrder = golden.stream().map(GoldenDimension::id).filter(actual::containsKey).toList();
        if (!order.equals(goldenOrder)) {
            drifts.add(new ChartDrift(module, chart, "dimension order", String.join(",", goldenOrder),
                    String.join(",", order)));
        }
    }

    private static void dimensionField(List<ChartDrift> drifts, String module, String chart, String field,
            Object expected, Object actual) {
        if (!expected.equals(actual)) {
            drifts.add(new ChartDrift(module, chart, field, String.valueOf(expected), String.valueOf(actual)));
        }
    }

    private static <T> List<T> union(java.util.Collection<T> first, java.util.Collection<T> second) {
        List<T> all = new ArrayList<>(first);
        second.stream().filter(x -> !first.contains(x)).forEach(all::add);
        return all;
    }
}
