package dev.ebpfmon.sink.prometheus;

import dev.ebpfmon.chart.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Marks a chart whose dimensions are the buckets of a latency histogram, so that it is exposed as
 * one Prometheus histogram instead of one counter per bucket.
 *
 * <p>{@code upperBoundsSeconds.get(i)} is the upper bound of the bucket counted by dimension
 * {@code i}; the chart's raw values are per-bucket (not cumulative) running totals, as Netdata's
 * latency charts carry them. The last bound may be {@code +Inf}; when it is not, an empty
 * {@code +Inf} bucket is added, as Prometheus requires one.
 */
public record HistogramHint(List<Double> upperBoundsSeconds) {

    private static final double MICROSECOND = 1e-6;

    public HistogramHint {
        if (upperBoundsSeconds == null || upperBoundsSeconds.isEmpty()) {
            throw new IllegalArgumentException("a histogram needs at least one bucket");
        }
        upperBoundsSeconds = List.copyOf(upperBoundsSeconds);
        double previous = Double.NEGATIVE_INFINITY;
        for (double bound : upperBoundsSeconds) {
            if (Double.isNaN(bound) || bound <= previous || bound < 0) {
                throw new IllegalArgumentException("histogram bounds must be non-negative and strictly increasing: "
                        + upperBoundsSeconds);
            }
            previous = bound;
        }
    }

    /**
     * Netdata's log2 latency buckets ({@code ebpf_fill_histogram_dimension}): bucket {@code i} counts
     * latencies up to {@code 2^i} microseconds, the last one everything above.
     */
    public static HistogramHint log2Microseconds(int buckets) {
        if (buckets < 2 || buckets > 63) {
            throw new IllegalArgumentException("a log2 histogram needs 2 to 63 buckets, not " + buckets);
        }
        List<Double> bounds = new ArrayList<>(buckets);
        for (int i = 0; i < buckets - 1; i++) {
            bounds.add((1L << i) * MICROSECOND);
        }
        bounds.add(Double.POSITIVE_INFINITY);
        return new HistogramHint(bounds);
    }

    /**
     * The dimension names Netdata gives log2 buckets: {@code 0us->1us}, {@code 1us->2us}, ...,
     * {@code 512us->1ms}, ..., {@code 4s->+Inf}. Values above 1000 us are shown in whole
     * milliseconds and above 1000 ms in whole seconds (truncated), so the names alone lose precision;
     * recognising the whole sequence lets us use the exact powers of two instead.
     */
    static List<String> netdataLog2Names(int buckets) {
        List<String> names = new ArrayList<>(buckets);
        for (int i = 0; i < buckets - 1; i++) {
            long lower = i == 0 ? 0 : 1L << (i - 1);
            names.add(microseconds(lower) + "->" + microseconds(1L << i));
        }
        names.add(microseconds(1L << (buckets - 2)) + "->+Inf");
        return names;
    }

    private static String microseconds(long us) {
        if (us <= 1000) {
            return us + "us";
        }
        return us <= 1_000_000 ? us / 1000 + "ms" : us / 1_000_000 + "s";
    }

    /** A hint for a chart whose dimension names are exactly Netdata's log2 bucket names. */
    static Optional<HistogramHint> detect(List<Dimension> dimensions) {
        int n = dimensions.size();
        if (n < 2 || n > 63 || !dimensions.getLast().name().endsWith("->+Inf")) {
            return Optional.empty();
        }
        List<String> expected = netdataLog2Names(n);
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(dimensions.get(i).name())) {
                return Optional.empty();
            }
        }
        return Optional.of(log2Microseconds(n));
    }
}
