package dev.ebpfmon.sink.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.ebpfmon.chart.Chart;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Grafana dashboard for ebpfmon's /metrics, generated from chart definitions with the names
 * {@link FamilySpec} gives them, so that it follows the modules as they come: one row per module
 * (its host charts, then per application, then per cgroup), and a last row for ebpfmon's own cost
 * (the {@code netdata.ebpf_*} charts). One panel per metric family: charts of one context (every
 * cgroup's, every application's) share it. Variables choose the Prometheus data source and the
 * agent ({@code instance}).
 */
public final class GrafanaDashboard {
    static final String SELF_TYPE = "netdata";
    static final String SELF_ROW = "ebpfmon's own cost";
    private static final int WIDTH = 12;
    private static final int HEIGHT = 8;
    private static final String DATASOURCE = "{\"type\":\"prometheus\",\"uid\":\"${datasource}\"}";

    /** One panel: a family, whose series it shows, and the PromQL queries that draw it. */
    record Panel(LabelScheme scope, String title, String description, String unit, List<Query> queries) {}

    /** One query of a panel, with its legend. */
    record Query(String expr, String legend) {}

    private GrafanaDashboard() {}

    /**
     * The dashboard for these charts, in the order given (modules appear in the order of their
     * first chart). Charts that map to the same family make one panel.
     */
    public static String render(List<Chart> charts) {
        Map<String, Map<String, Panel>> rows = new LinkedHashMap<>();
        Map<String, Panel> self = new LinkedHashMap<>();
        for (Chart chart : charts) {
            if (chart.dimensions().isEmpty()) {
                continue;
            }
            FamilySpec spec = FamilySpec.of(chart, HistogramHint.detect(chart.dimensions()).orElse(null));
            Map<String, Panel> panels = chart.type().equals(SELF_TYPE) ? self
                    : rows.computeIfAbsent(chart.module(), m -> new LinkedHashMap<>());
            panels.putIfAbsent(spec.name(), panel(chart, spec));
        }
        List<Map.Entry<String, List<Panel>>> ordered = new ArrayList<>();
        rows.forEach((module, panels) -> ordered.add(Map.entry(module, byScope(panels.values()))));
        if (!self.isEmpty()) {
            ordered.add(Map.entry(SELF_ROW, List.copyOf(self.values())));
        }
        return json(ordered);
    }

    /** Host panels first, then per application, then per cgroup. */
    private static List<Panel> byScope(Iterable<Panel> panels) {
        List<Panel> host = new ArrayList<>();
        List<Panel> apps = new ArrayList<>();
        List<Panel> cgroups = new ArrayList<>();
        for (Panel p : panels) {
            switch (p.scope()) {
                case HOST -> host.add(p);
                case APPS -> apps.add(p);
                case CGROUP -> cgroups.add(p);
            }
        }
        List<Panel> all = new ArrayList<>(host);
        all.addAll(apps);
        all.addAll(cgroups);
        return all;
    }

    private static final String APPS_TITLE = "Per application: ";
    private static final String CGROUP_TITLE = "Per cgroup: ";

    static Panel panel(Chart chart, FamilySpec spec) {
        String by = switch (spec.labels()) {
            case HOST -> LabelScheme.DIMENSION;
            case APPS -> LabelScheme.APP;
            case CGROUP -> chart.dimensions().size() > 1 && !chart.type().equals(GroupFamilies.SERVICES)
                    ? LabelScheme.CGROUP_LABEL + ", " + LabelScheme.DIMENSION : LabelScheme.CGROUP_LABEL;
        };
        String prefix = switch (spec.labels()) {
            case HOST -> "";
            case APPS -> APPS_TITLE;
            case CGROUP -> CGROUP_TITLE;
        };
        String title = prefix + chart.title().replaceAll("\\.$", "");
        String selector = "{instance=~\"$instance\"}";
        String legend = "{{" + by.replace(", ", "}} {{") + "}}";
        List<Query> queries = new ArrayList<>();
        String unit;
        switch (spec.kind()) {
            case COUNTER -> {
                queries.add(new Query("sum by (" + by + ") (rate(" + spec.name() + "_total" + selector
                        + "[$__rate_interval]))", legend));
                unit = counterUnit(spec.unit());
            }
            case GAUGE -> {
                queries.add(new Query("sum by (" + by + ") (" + spec.name() + selector + ")", legend));
                unit = gaugeUnit(spec.unit());
            }
            case HISTOGRAM -> {
                for (String q : List.of("0.5", "0.99")) {
                    queries.add(new Query("histogram_quantile(" + q + ", sum by (le) (rate(" + spec.name()
                            + "_bucket" + selector + "[$__rate_interval])))", "p" + q.substring(2)));
                }
                unit = "s";
            }
            default -> throw new IllegalStateException(spec.kind().toString());
        }
        String description = "Netdata context " + chart.context() + ", metric " + spec.name()
                + (spec.kind() == MetricKind.COUNTER ? "_total (per second)" : "") + ".";
        return new Panel(spec.labels(), title, description, unit, List.copyOf(queries));
    }

    /** Grafana's unit ids for a rate of the family's base unit. */
    private static String counterUnit(Unit unit) {
        if (unit == null) {
            return "cps";
        }
        return switch (unit.toString()) {
            case "bytes" -> "Bps";
            case "seconds" -> "s";
            default -> "short";
        };
    }

    private static String gaugeUnit(Unit unit) {
        if (unit == null) {
            return "short";
        }
        return switch (unit.toString()) {
            case "bytes" -> "bytes";
            case "seconds" -> "s";
            case "ratio" -> "percentunit";
            case "bytes_per_second" -> "Bps";
            default -> "short";
        };
    }

    private static String json(List<Map.Entry<String, List<Panel>>> rows) {
        StringWriter text = new StringWriter();
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator g = new JsonFactory().createGenerator(text).setPrettyPrinter(pretty)) {
            g.writeStartObject();
            g.writeStringField("title", "ebpfmon");
            g.writeStringField("uid", "ebpfmon");
            g.writeStringField("description", "Generated from ebpfmon's chart definitions "
                    + "(dev.ebpfmon.sink.prometheus.GrafanaDashboard); do not edit by hand.");
            g.writeArrayFieldStart("tags");
            g.writeString("ebpfmon");
            g.writeString("ebpf");
            g.writeEndArray();
            g.writeNumberField("schemaVersion", 39);
            g.writeStringField("refresh", "30s");
            g.writeObjectFieldStart("time");
            g.writeStringField("from", "now-1h");
            g.writeStringField("to", "now");
            g.writeEndObject();
            templating(g);
            g.writeArrayFieldStart("panels");
            int id = 1;
            int y = 0;
            for (Map.Entry<String, List<Panel>> row : rows) {
                g.writeStartObject();
                g.writeNumberField("id", id++);
                g.writeStringField("type", "row");
                g.writeStringField("title", row.getKey());
                g.writeBooleanField("collapsed", false);
                gridPos(g, 0, y, 24, 1);
                g.writeArrayFieldStart("panels");
                g.writeEndArray();
                g.writeEndObject();
                y++;
                int i = 0;
                for (Panel panel : row.getValue()) {
                    panel(g, panel, id++, (i % 2) * WIDTH, y + (i / 2) * HEIGHT);
                    i++;
                }
                y += ((i + 1) / 2) * HEIGHT;
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    private static void templating(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("templating");
        g.writeArrayFieldStart("list");
        g.writeStartObject();
        g.writeStringField("name", "datasource");
        g.writeStringField("label", "Prometheus");
        g.writeStringField("type", "datasource");
        g.writeStringField("query", "prometheus");
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("name", "instance");
        g.writeStringField("label", "agent");
        g.writeStringField("type", "query");
        g.writeFieldName("datasource");
        g.writeRawValue(DATASOURCE);
        g.writeStringField("query", "label_values({__name__=~\"ebpfmon_.+\"}, instance)");
        g.writeNumberField("refresh", 2);
        g.writeBooleanField("includeAll", false);
        g.writeBooleanField("multi", false);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void panel(JsonGenerator g, Panel panel, int id, int x, int y) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeStringField("type", "timeseries");
        g.writeStringField("title", panel.title());
        g.writeStringField("description", panel.description());
        g.writeFieldName("datasource");
        g.writeRawValue(DATASOURCE);
        gridPos(g, x, y, WIDTH, HEIGHT);
        g.writeObjectFieldStart("fieldConfig");
        g.writeObjectFieldStart("defaults");
        g.writeStringField("unit", panel.unit());
        g.writeEndObject();
        g.writeArrayFieldStart("overrides");
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("targets");
        char ref = 'A';
        for (Query q : panel.queries()) {
            g.writeStartObject();
            g.writeStringField("refId", String.valueOf(ref++));
            g.writeFieldName("datasource");
            g.writeRawValue(DATASOURCE);
            g.writeStringField("expr", q.expr());
            g.writeStringField("legendFormat", q.legend());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void gridPos(JsonGenerator g, int x, int y, int w, int h) throws IOException {
        g.writeObjectFieldStart("gridPos");
        g.writeNumberField("h", h);
        g.writeNumberField("w", w);
        g.writeNumberField("x", x);
        g.writeNumberField("y", y);
        g.writeEndObject();
    }
}
