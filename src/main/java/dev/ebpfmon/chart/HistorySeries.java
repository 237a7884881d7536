package dev.ebpfmon.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ring buffers of one chart: slot {@code second % capacity} of every dimension's array holds that
 * second's value, and every slot from {@code last - capacity + 1} to {@code last} belongs to the
 * current lap, because the writer fills skipped seconds with {@code NaN}. One writer; readers lock
 * the series only while they copy the seconds they asked for, so the writer waits at most for one
 * copy of one chart.
 */
final class HistorySeries {
    /** Rough bytes of bookkeeping per dimension besides its ring: column, map entry, Dimension. */
    static final long COLUMN_OVERHEAD_BYTES = 160;
    /** Rough bytes of bookkeeping per chart. */
    static final long SERIES_OVERHEAD_BYTES = 400;

    private static final long NONE = Long.MIN_VALUE;

    private final int capacity;
    /** Guarded by this; dimension id to its ring, in order of first appearance. */
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private long first = NONE;
    private long last = NONE;
    private long writes;
    /** Replaced by the writer after each record, so that listing charts takes no lock. */
    private volatile HistoryChart snapshot;
    private volatile int columnCount;

    private static final class Column {
        Dimension dimension;
        final double[] ring;
        long lastSeen;
        long writtenAt;

        Column(Dimension dimension, int capacity) {
            this.dimension = dimension;
            this.ring = new double[capacity];
            Arrays.fill(ring, Double.NaN);
        }
    }

    HistorySeries(int capacity) {
        this.capacity = capacity;
    }

    /** The latest state for readers; null until the first record. */
    HistoryChart snapshot() {
        return snapshot;
    }

    long memoryBytes() {
        return SERIES_OVERHEAD_BYTES + columnCount * (16L + 8L * capacity + COLUMN_OVERHEAD_BYTES);
    }

    /** @param values aligned with {@code chart.dimensions()} */
    synchronized void record(long second, Chart chart, double[] values) {
        if (last != NONE && second < last) {
            // The wall clock went back: the ring's slots no longer match their seconds.
            columns.clear();
            first = NONE;
            last = NONE;
        }
        if (last == NONE) {
            first = second;
        } else if (second > last) {
            long gap = Math.min(second - last - 1, capacity);
            for (Column c : columns.values()) {
                for (long s = last + 1; s < last + 1 + gap; s++) {
                    c.ring[slot(s)] = Double.NaN;
                }
            }
        }
        long write = ++writes;
        int at = slot(second);
        List<Dimension> dims = chart.dimensions();
        boolean changed = columns.size() != dims.size();
        for (int i = 0; i < dims.size(); i++) {
            Dimension d = dims.get(i);
            Column c = columns.get(d.id());
            if (c == null) {
                c = new Column(d, capacity);
                columns.put(d.id(), c);
                changed = true;
            } else if (!c.dimension.equals(d)) {
                c.dimension = d;
                changed = true;
            }
            c.ring[at] = values[i];
            c.lastSeen = second;
            c.writtenAt = write;
        }
        long oldest = second - capacity + 1;
        for (Iterator<Column> it = columns.values().iterator(); it.hasNext(); ) {
            Column c = it.next();
            if (c.writtenAt != write) {
                c.ring[at] = Double.NaN;
                if (c.lastSeen < oldest) {
                    it.remove();
                    changed = true;
                }
            }
        }
        last = second;
        first = Math.max(first, oldest);
        columnCount = columns.size();
        HistoryChart previous = snapshot;
        List<Dimension> current = changed || previous == null || !previous.chart().equals(chart)
                ? columns.values().stream().map(c -> c.dimension).toList()
                : previous.dimensions();
        snapshot = new HistoryChart(chart, current, first, last);
    }

    /** The seconds from {@code from} to {@code to}, both included, clipped to what is held. */
    synchronized Copy copy(long from, long to) {
        List<Dimension> dims = new ArrayList<>(columns.size());
        if (last == NONE) {
            return new Copy(dims, 0, 0, new double[0][]);
        }
        long start = Math.max(from, first);
        long end = Math.min(to, last);
        int n = start > end ? 0 : (int) (end - start + 1);
        double[][] values = new double[columns.size()][];
        int col = 0;
        for (Column c : columns.values()) {
            dims.add(c.dimension);
            double[] out = new double[n];
            // At most two contiguous runs of the ring.
            int head = slot(start);
            int firstRun = Math.min(n, capacity - head);
            System.arraycopy(c.ring, head, out, 0, firstRun);
            System.arraycopy(c.ring, 0, out, firstRun, n - firstRun);
            values[col++] = out;
        }
        return new Copy(dims, start, n, values);
    }

    /** {@code values[dimension][i]} belongs to second {@code start + i}. */
    record Copy(List<Dimension> dimensions, long start, int length, double[][] values) {}

    private int slot(long second) {
        return (int) Math.floorMod(second, (long) capacity);
    }
}
