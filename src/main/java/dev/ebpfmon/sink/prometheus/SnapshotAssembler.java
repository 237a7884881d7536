package dev.ebpfmon.sink.prometheus;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns chart samples into the client library's snapshots. Remembers which chart context claimed
 * each metric name first, so that a later chart mapping to the same name (another context, another
 * metric type) is dropped with a warning instead of producing a family Prometheus would reject, and
 * the choice does not flip between scrapes. Not thread-safe.
 */
final class SnapshotAssembler {
    private static final System.Logger LOG = System.getLogger("ebpfmon.prometheus");
    /** Warnings are logged once each; the set is bounded in case chart names churn (apps, cgroups). */
    private static final int MAX_REMEMBERED_WARNINGS = 1000;

    private final Map<String, HistogramHint> hints;
    private final Map<String, FamilySpec> claimed = new HashMap<>();
    private final Set<String> warned = new HashSet<>();

    SnapshotAssembler(Map<String, HistogramHint> hintsByContext) {
        this.hints = Map.copyOf(hintsByContext);
    }

    /** One family under construction: its data points and the label sets it already has. */
    private static final class Family {
        final FamilySpec spec;
        final List<DataPointSnapshot> points = new ArrayList<>();
        final Set<Labels> seen = new HashSet<>();

        Family(FamilySpec spec) {
            this.spec = spec;
        }
    }

    MetricSnapshots assemble(Iterable<Sample> samples) {
        Map<String, Family> families = new LinkedHashMap<>();
        for (Sample sample : samples) {
            Chart chart = sample.chart();
            if (chart.dimensions().isEmpty()) {
                continue;
            }
            FamilySpec spec = FamilySpec.of(chart, hintFor(chart));
            FamilySpec owner = claimed.putIfAbsent(spec.name(), spec);
            if (owner != null && !owner.accepts(spec)) {
                warn("collision:" + spec.name() + ":" + chart.fullId(), "chart " + chart.fullId() + " (context "
                        + spec.context() + ", " + spec.kind() + ") maps to metric " + spec.name()
                        + ", which context " + owner.context() + " (" + owner.kind() + ") already has; not exported");
                continue;
            }
            Family family = families.computeIfAbsent(spec.name(), n -> new Family(owner == null ? spec : owner));
            switch (family.spec.kind()) {
                case COUNTER, GAUGE -> addScalars(family, sample);
                case HISTOGRAM -> addHistogram(family, sample);
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
        for (Family family : families.values()) {
            if (!family.points.isEmpty()) {
                snapshots.add(build(family));
            }
        }
        return new MetricSnapshots(snapshots);
    }

    private HistogramHint hintFor(Chart chart) {
        HistogramHint hint = hints.get(chart.context());
        return hint != null ? hint : HistogramHint.detect(chart.dimensions()).orElse(null);
    }

    private void addScalars(Family family, Sample sample) {
        Chart chart = sample.chart();
        FamilySpec spec = family.spec;
        long[] values = sample.values();
        for (int i = 0; i < values.length; i++) {
            Dimension d = chart.dimensions().get(i);
            if (MetricKind.of(d.algorithm()) != spec.kind()) {
                warn("kind:" + chart.fullId() + ":" + d.id(), "dimension " + d.id() + " of chart " + chart.fullId()
                        + " is " + d.algorithm() + " but metric " + spec.name() + " is a " + spec.kind()
                        + "; not exported");
                continue;
            }
            Labels labels = spec.labels().labels(chart, d);
            if (!unique(family, labels, chart)) {
                continue;
            }
            double value = value(d, values[i], spec);
            family.points.add(spec.kind() == MetricKind.COUNTER
                    ? CounterDataPointSnapshot.builder().labels(labels).value(value).build()
                    : GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }
    }

    /**
     * Multiplier, divisor and unit factor apply, but not the multiplier's sign: Netdata negates
     * dimensions only to draw them below the axis, and a Prometheus counter must never be negative.
     * Counters are u64 in the kernel, so their raw value is read unsigned. Percentage-of-row
     * dimensions ignore multiplier and divisor, as in Netdata.
     */
    static double value(Dimension d, long raw, FamilySpec spec) {
        double collected = spec.kind() == MetricKind.COUNTER ? unsigned(raw) : raw;
        if (d.algorithm() == Algorithm.PERCENTAGE_OF_ABSOLUTE_ROW
                || d.algorithm() == Algorithm.PERCENTAGE_OF_INCREMENTAL_ROW) {
            return collected;
        }
        return collected * Math.abs((double) d.multiplier()) / Math.abs((double) d.divisor()) * spec.factor();
    }

    private static double unsigned(long raw) {
        return raw >= 0 ? raw : (double) (raw >>> 1) * 2 + (raw & 1);
    }

    private void addHistogram(Family family, Sample sample) {
        Chart chart = sample.chart();
        FamilySpec spec = family.spec;
        List<Double> bounds = spec.hint().upperBoundsSeconds();
        long[] values = sample.values();
        if (bounds.size() != values.length) {
            warn("buckets:" + chart.fullId(), "chart " + chart.fullId() + " has " + values.length
                    + " dimensions but its histogram hint " + bounds.size() + " buckets; not exported");
            return;
        }
        boolean openEnded = bounds.getLast() == Double.POSITIVE_INFINITY;
        double[] upper = new double[openEnded ? bounds.size() : bounds.size() + 1];
        long[] counts = new long[upper.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                warn("negative:" + chart.fullId(), "chart " + chart.fullId() + " has a bucket count beyond 2^63; "
                        + "not exported");
                return;
            }
            upper[i] = bounds.get(i);
            counts[i] = values[i];
        }
        if (!openEnded) {
            upper[upper.length - 1] = Double.POSITIVE_INFINITY;
        }
        Labels labels = spec.labels().labels(chart, null);
        if (unique(family, labels, chart)) {
            // no sum: bucket counters do not carry one, and a guess from bucket bounds would be off
            // by up to a factor of two in each log2 bucket
            family.points.add(HistogramDataPointSnapshot.builder().labels(labels)
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, counts)).build());
        }
    }

    private boolean unique(Family family, Labels labels, Chart chart) {
        if (family.seen.add(labels)) {
            return true;
        }
        warn("duplicate:" + family.spec.name() + labels, "chart " + chart.fullId() + " repeats series "
                + family.spec.name() + labels + "; the first one is exported");
        return false;
    }

    private static MetricSnapshot build(Family family) {
        FamilySpec spec = family.spec;
        return switch (spec.kind()) {
            case COUNTER -> {
                var b = CounterSnapshot.builder().name(spec.name()).help(spec.help()).unit(spec.unit());
                family.points.forEach(p -> b.dataPoint((CounterDataPointSnapshot) p));
                yield b.build();
            }
            case GAUGE -> {
                var b = GaugeSnapshot.builder().name(spec.name()).help(spec.help()).unit(spec.unit());
                family.points.forEach(p -> b.dataPoint((GaugeDataPointSnapshot) p));
                yield b.build();
            }
            case HISTOGRAM -> {
                var b = HistogramSnapshot.builder().name(spec.name()).help(spec.help()).unit(spec.unit());
                family.points.forEach(p -> b.dataPoint((HistogramDataPointSnapshot) p));
                yield b.build();
            }
        };
    }

    private void warn(String key, String message) {
        if (warned.size() >= MAX_REMEMBERED_WARNINGS) {
            warned.clear();
        }
        if (warned.add(key)) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }
}
