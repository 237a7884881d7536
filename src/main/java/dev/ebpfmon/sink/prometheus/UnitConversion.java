package dev.ebpfmon.sink.prometheus;

import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Locale;

/**
 * How a chart's Netdata units become a Prometheus base unit: the metric name's suffix, the unit
 * OpenMetrics announces ({@code null} for plain counts), and the factor from the collected value.
 *
 * <p>Netdata's units describe the displayed value, which for incremental dimensions is a rate
 * ({@code bytes/s}); the exported counter is the total, so {@code /s} is dropped and Prometheus's
 * {@code rate()} brings it back. A gauge of an {@code X/s} unit already is a rate and says so
 * ({@code _bytes_per_second}).
 */
record UnitConversion(String suffix, Unit unit, double factor) {

    /** No suffix, no unit, the value as collected. */
    static final UnitConversion NONE = new UnitConversion("", null, 1);

    private static final double BITS_PER_BYTE = 8;

    static UnitConversion of(String netdataUnits, MetricKind kind) {
        String units = netdataUnits.strip().toLowerCase(Locale.ROOT);
        boolean perSecond = units.endsWith("/s");
        String word = perSecond ? units.substring(0, units.length() - 2).strip() : units;
        UnitConversion base = base(word);
        if (base != null) {
            if (kind == MetricKind.GAUGE && perSecond) {
                String rate = base.suffix + "_per_second";
                return new UnitConversion(rate, new Unit(rate), base.factor);
            }
            if (kind == MetricKind.COUNTER && base.unit.equals(Unit.RATIO)) {
                // a growing total of percentages means nothing; export the raw total as a count
                return NONE;
            }
            return base;
        }
        if (kind != MetricKind.COUNTER) {
            // "difference", "boolean", "methods", "files", ...: a gauge of a count needs no suffix
            return NONE;
        }
        String count = countWord(word);
        return count.isEmpty() ? NONE : new UnitConversion(count, null, 1);
    }

    /** Units with a Prometheus base unit, or null. Netdata's "kilobytes" are KiB. */
    private static UnitConversion base(String word) {
        return switch (word) {
            case "b", "byte", "bytes" -> bytes(1);
            case "kib", "kb", "kilobyte", "kilobytes" -> bytes(1024);
            case "mib", "mb", "megabyte", "megabytes" -> bytes(1024 * 1024);
            case "bits" -> bytes(1 / BITS_PER_BYTE);
            case "kilobits" -> bytes(1000 / BITS_PER_BYTE);
            case "megabits" -> bytes(1_000_000 / BITS_PER_BYTE);
            case "ns", "nanoseconds" -> seconds(1e-9);
            case "us", "microseconds" -> seconds(1e-6);
            case "ms", "milliseconds" -> seconds(1e-3);
            case "s", "sec", "seconds" -> seconds(1);
            case "%", "percent", "percentage" -> new UnitConversion("ratio", Unit.RATIO, 0.01);
            default -> null;
        };
    }

    private static UnitConversion bytes(double factor) {
        return new UnitConversion("bytes", Unit.BYTES, factor);
    }

    private static UnitConversion seconds(double factor) {
        return new UnitConversion("seconds", Unit.SECONDS, factor);
    }

    /** What a counter counts, as a name suffix: {@code calls}, {@code pages}, {@code kills}. */
    private static String countWord(String word) {
        if (word.equals("page")) {
            return "pages";
        }
        return word.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }
}
