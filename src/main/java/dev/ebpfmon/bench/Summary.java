package dev.ebpfmon.bench;

import java.util.Arrays;

/**
 * Median and spread of repeated measurements. On a shared VM single runs move by 5-10%, so the
 * median is the figure and the spread (max - min over the median) says how far to trust it.
 */
record Summary(double median, double min, double max, int count) {
    static Summary of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(median, sorted[0], sorted[n - 1], n);
    }

    /** (max - min) / median: 0.05 means the runs lay within 5% of the median's size. */
    double relativeSpread() {
        return median == 0 ? 0 : (max - min) / median;
    }
}
