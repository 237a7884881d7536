package dev.ebpfmon.chart;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The definition of one chart, as Netdata's {@code CHART} line carries it. Immutable; sinks compare
 * definitions with {@link #equals} to notice that a chart must be announced again.
 *
 * @param type         the menu a chart belongs to ({@code filesystem}, {@code apps}, {@code cgroup_x})
 * @param id           unique within {@code type}
 * @param name         shown instead of {@code id}; empty for none (the usual case)
 * @param family       the sub-menu
 * @param context      what dashboards and alerts match on, e.g. {@code filesystem.file_descriptor}
 * @param priority     lower numbers are drawn first
 * @param updateEvery  seconds between collections
 * @param plugin       the plugin name a dashboard shows as the chart's source
 * @param module       the module within the plugin, e.g. {@code fd}
 * @param labels       what a keyed chart is about, unmangled by id rules ({@code cgroup} of a
 *                     {@code cgroup_<name>} chart, {@code disk} of a disk's chart); empty for most
 */
public record Chart(String type, String id, String name, String title, String units, String family,
        String context, ChartType chartType, int priority, int updateEvery,
        List<Dimension> dimensions, String plugin, String module, Map<String, String> labels) {

    /** The plugin name Netdata's own eBPF collector reports, so dashboards cannot tell us apart. */
    public static final String DEFAULT_PLUGIN = "ebpf.plugin";
    /** Netdata's default chart priority. */
    public static final int DEFAULT_PRIORITY = 1000;

    public Chart {
        ProtocolIds.require("chart type", type);
        if (type.indexOf('.') >= 0) {
            // Netdata splits "type.id" at the first dot.
            throw new IllegalArgumentException("chart type '" + type + "' must not contain '.'");
        }
        ProtocolIds.require("chart id", id);
        ProtocolIds.requireText("chart name", name);
        ProtocolIds.requireText("chart title", title);
        ProtocolIds.requireText("chart units", units);
        ProtocolIds.requireText("chart family", family);
        if (context == null || context.isBlank()) {
            context = type + "." + id;
        }
        ProtocolIds.require("chart context", context);
        if (chartType == null) {
            throw new IllegalArgumentException("chart " + type + "." + id + " needs a chart type");
        }
        if (updateEvery < 1) {
            throw new IllegalArgumentException("chart " + type + "." + id + ": updateEvery must be >= 1");
        }
        dimensions = List.copyOf(dimensions);
        var seen = new HashSet<String>();
        for (Dimension d : dimensions) {
            if (!seen.add(d.id())) {
                throw new IllegalArgumentException(
                        "chart " + type + "." + id + " has dimension '" + d.id() + "' twice");
            }
        }
        ProtocolIds.requireText("chart plugin", plugin);
        ProtocolIds.requireText("chart module", module);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public static Builder builder(String type, String id) {
        return new Builder(type, id);
    }

    /** {@code type.id}, the chart's key in the plugins.d protocol. */
    public String fullId() {
        return type + "." + id;
    }

    /** The same chart with another dimension list, for charts with one dimension per application. */
    public Chart withDimensions(List<Dimension> newDimensions) {
        return new Chart(type, id, name, title, units, family, context, chartType, priority,
                updateEvery, newDimensions, plugin, module, labels);
    }

    /** Collects a chart's fields; anything not set keeps Netdata's default. */
    public static final class Builder {
        private final String type;
        private final String id;
        private String name = "";
        private String title = "";
        private String units = "";
        private String family;
        private String context;
        private ChartType chartType = ChartType.LINE;
        private int priority = DEFAULT_PRIORITY;
        private int updateEvery = 1;
        private List<Dimension> dimensions = List.of();
        private String plugin = DEFAULT_PLUGIN;
        private String module = "";
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder(String type, String id) {
            this.type = type;
            this.id = id;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder units(String value) {
            this.units = value;
            return this;
        }

        /** Defaults to the chart id, as Netdata does when the family is missing. */
        public Builder family(String value) {
            this.family = value;
            return this;
        }

        /** Defaults to {@code type.id}. */
        public Builder context(String value) {
            this.context = value;
            return this;
        }

        public Builder chartType(ChartType value) {
            this.chartType = value;
            return this;
        }

        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        public Builder updateEvery(int seconds) {
            this.updateEvery = seconds;
            return this;
        }

        public Builder dimensions(Dimension... values) {
            this.dimensions = List.of(values);
            return this;
        }

        public Builder dimensions(List<Dimension> values) {
            this.dimensions = values;
            return this;
        }

        public Builder plugin(String value) {
            this.plugin = value;
            return this;
        }

        public Builder module(String value) {
            this.module = value;
            return this;
        }

        public Builder label(String key, String value) {
            this.labels.put(key, value);
            return this;
        }

        public Chart build() {
            return new Chart(type, id, name, title, units, family == null ? id : family, context,
                    chartType, priority, updateEvery, dimensions, plugin, module, labels);
        }
    }
}
