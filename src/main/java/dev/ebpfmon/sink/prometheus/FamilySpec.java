package dev.ebpfmon.sink.prometheus;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Objects;

/**
 * The metric family a chart becomes.
 *
 * @param name    the family name as the client library wants it: without {@code _total}, which the
 *                writers add to counters, but with the unit suffix
 * @param unit    announced in OpenMetrics' {@code # UNIT}; null for plain counts
 * @param factor  turns a collected value, after multiplier and divisor, into the base unit
 * @param context the chart context the family is named after ({@link GroupFamilies#familyContext})
 * @param hint    the buckets of a histogram; null for counters and gauges
 */
record FamilySpec(String name, MetricKind kind, String help, Unit unit, double factor, String context,
        LabelScheme labels, HistogramHint hint) {

    static final String PREFIX = "ebpfmon_";

    /**
     * Names a chart after its context: {@code filesystem.vfs_io_bytes} in {@code bytes/s} becomes
     * {@code ebpfmon_filesystem_vfs_io_bytes} (a counter, exposed as {@code ..._bytes_total}).
     *
     * @param hint a histogram hint for the chart's context, or null
     */
    static FamilySpec of(Chart chart, HistogramHint hint) {
        String context = GroupFamilies.familyContext(chart);
        String base = PREFIX + context.replaceAll("[^a-zA-Z0-9_]", "_");
        LabelScheme labels = LabelScheme.of(chart.context());
        if (hint != null) {
            return new FamilySpec(name(base, "seconds", Unit.SECONDS), MetricKind.HISTOGRAM, chart.title(),
                    Unit.SECONDS, 1, context, labels, hint);
        }
        Dimension first = chart.dimensions().getFirst();
        MetricKind kind = MetricKind.of(first.algorithm());
        // a percentage-of-row dimension's raw value is a plain count: the % is Netdata's derivation
        UnitConversion conversion = switch (first.algorithm()) {
            case PERCENTAGE_OF_ABSOLUTE_ROW, PERCENTAGE_OF_INCREMENTAL_ROW -> UnitConversion.NONE;
            case ABSOLUTE, INCREMENTAL -> UnitConversion.of(chart.units(), kind);
        };
        return new FamilySpec(name(base, conversion.suffix(), conversion.unit()), kind, chart.title(),
                conversion.unit(), conversion.factor(), context, labels, null);
    }

    /**
     * {@code base} with {@code _suffix}, unless it already ends with it or with its singular
     * ({@code mem.oom_kill} counted in {@code kills} stays {@code ebpfmon_mem_oom_kill},
     * {@code apps.oomkills} stays {@code ebpfmon_apps_oomkills}).
     */
    private static String name(String base, String suffix, Unit unit) {
        String name = base;
        if (!suffix.isEmpty() && !base.endsWith(suffix)
                && !(suffix.endsWith("s") && base.endsWith(suffix.substring(0, suffix.length() - 1)))) {
            name = base + "_" + suffix;
        }
        // drops reserved suffixes (_total, _created, _bucket, ...) a context might end with
        return unit == null ? PrometheusNaming.sanitizeMetricName(name)
                : PrometheusNaming.sanitizeMetricName(name, unit);
    }

    /** Whether a chart of {@code other}'s definition can add series to this family. */
    boolean accepts(FamilySpec other) {
        return kind == other.kind && context.equals(other.context) && Objects.equals(unit, other.unit);
    }
}
