package dev.ebpfmon.chart;

import java.util.Arrays;

/**
 * One collected row of a chart: {@code values[i]} belongs to {@code chart.dimensions().get(i)}.
 * Values are raw: counters of {@link Algorithm#INCREMENTAL} dimensions keep growing, exactly as
 * Netdata expects from a plugin, and sinks derive rates themselves.
 *
 * <p>The array is not copied, so that collecting a row costs one allocation: the sample owns it from
 * construction on, and nobody may change it afterwards.
 */
public record Sample(Chart chart, long[] values) {

    public Sample {
        if (chart == null || values == null) {
            throw new IllegalArgumentException("a sample needs a chart and values");
        }
        if (values.length != chart.dimensions().size()) {
            throw new IllegalArgumentException("chart " + chart.fullId() + " has "
                    + chart.dimensions().size() + " dimensions but the sample has "
                    + values.length + " values");
        }
    }

    public static Sample of(Chart chart, long... values) {
        return new Sample(chart, values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sample that
                && chart.equals(that.chart)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * chart.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Sample[" + chart.fullId() + " " + Arrays.toString(values) + "]";
    }
}
