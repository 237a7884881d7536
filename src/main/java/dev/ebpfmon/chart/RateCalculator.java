package dev.ebpfmon.chart;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns consecutive samples of a chart into the values Netdata would display, for sinks that show
 * numbers themselves instead of leaving that to Netdata.
 *
 * <ul>
 *   <li>{@code ABSOLUTE}: {@code value * multiplier / divisor};</li>
 *   <li>{@code INCREMENTAL}: {@code (value - previous) * multiplier / divisor / seconds};</li>
 *   <li>{@code PERCENTAGE_OF_ABSOLUTE_ROW}: {@code 100 * value / sum of the row};</li>
 *   <li>{@code PERCENTAGE_OF_INCREMENTAL_ROW}: {@code 100 * increase / increase of the row}.</li>
 * </ul>
 *
 * Like Netdata, percentages ignore multiplier and divisor, a row sums all dimensions of the chart
 * whatever their algorithm, and a row summing to zero yields 0 %. A value that cannot be known yet
 * is {@code NaN}: a counter's first sample, and a counter that went backwards (a reset), where
 * Netdata would otherwise have to guess between overflow and reset.
 *
 * <p>Previous samples are matched by chart {@link Chart#fullId()} and dimension id, so a chart
 * redefined with another dimension list keeps the rates of the dimensions it kept. Not thread-safe.
 */
public final class RateCalculator {

    private static final double MILLIS_PER_SECOND = 1000.0;

    private final Map<String, Previous> previous = new HashMap<>();

    /** The last sample of a chart; mutable so that a steady chart costs no allocation per tick. */
    private static final class Previous {
        Sample sample;
        long atMillis;

        Previous(Sample sample, long atMillis) {
            this.sample = sample;
            this.atMillis = atMillis;
        }
    }

    /**
     * The displayed values of {@code sample}, aligned with its chart's dimensions, and remembers the
     * sample for the next call.
     *
     * @param nowMillis when the sample was collected; only differences matter
     */
    public double[] rates(long nowMillis, Sample sample) {
        String key = sample.chart().fullId();
        Previous last = previous.get(key);
        double[] result = compute(nowMillis, sample, last);
        if (last == null) {
            previous.put(key, new Previous(sample, nowMillis));
        } else {
            last.sample = sample;
            last.atMillis = nowMillis;
        }
        return result;
    }

    /** Drops what is remembered of a chart that is gone for good (a stopped cgroup, say). */
    public void forget(Chart chart) {
        previous.remove(chart.fullId());
    }

    private static double[] compute(long nowMillis, Sample sample, Previous last) {
        List<Dimension> dims = sample.chart().dimensions();
        long[] values = sample.values();
        // null with a previous sample means "same dimension list": index i maps to i.
        int[] prevIndex = last == null ? null : previousIndexes(dims, last.sample.chart().dimensions());
        long[] prevValues = last == null ? null : last.sample.values();
        double seconds = last == null ? 0 : (nowMillis - last.atMillis) / MILLIS_PER_SECOND;

        double rowTotal = 0;
        double deltaTotal = 0;
        for (int i = 0; i < values.length; i++) {
            rowTotal += values[i];
            int p = last == null ? -1 : prevIndex == null ? i : prevIndex[i];
            if (p >= 0 && values[i] >= prevValues[p]) {
                deltaTotal += (double) (values[i] - prevValues[p]);
            }
        }

        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            Dimension d = dims.get(i);
            long v = values[i];
            int p = last == null ? -1 : prevIndex == null ? i : prevIndex[i];
            boolean hasDelta = p >= 0 && v >= prevValues[p];
            double delta = hasDelta ? (double) (v - prevValues[p]) : Double.NaN;
            result[i] = switch (d.algorithm()) {
                case ABSOLUTE -> (double) v * d.multiplier() / d.divisor();
                case PERCENTAGE_OF_ABSOLUTE_ROW -> rowTotal == 0 ? 0 : 100.0 * v / rowTotal;
                case INCREMENTAL -> hasDelta && seconds > 0
                        ? delta * d.multiplier() / d.divisor() / seconds
                        : Double.NaN;
                case PERCENTAGE_OF_INCREMENTAL_ROW -> !hasDelta ? Double.NaN
                        : deltaTotal == 0 ? 0 : 100.0 * delta / deltaTotal;
            };
        }
        return result;
    }

    /**
     * For each current dimension, the index of the same dimension id in the previous sample, or -1;
     * {@code null} when the dimension ids did not change, the usual case, to spare the search.
     */
    private static int[] previousIndexes(List<Dimension> current, List<Dimension> before) {
        if (current == before || sameIds(current, before)) {
            return null;
        }
        int[] indexes = new int[current.size()];
        Map<String, Integer> byId = HashMap.newHashMap(before.size());
        for (int i = 0; i < before.size(); i++) {
            byId.put(before.get(i).id(), i);
        }
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = byId.getOrDefault(current.get(i).id(), -1);
        }
        return indexes;
    }

    private static boolean sameIds(List<Dimension> a, List<Dimension> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).id().equals(b.get(i).id())) {
                return false;
            }
        }
        return true;
    }
}
