package dev.ebpfmon.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last {@link #seconds()} seconds of every chart's displayed values, at one-second resolution, in
 * memory: what the agent's dashboard and JSON API draw from.
 *
 * <p>Each dimension owns one preallocated ring of doubles, so memory grows with the number of
 * dimensions and never with time. A dimension that leaves its chart (an application exits) keeps its
 * data until that ages out, then its ring is dropped; the same goes for whole charts that stop being
 * recorded.
 *
 * <p>One writer (the tick loop) calls {@link #record}; any number of readers query at the same time.
 * Readers lock one chart only while copying the seconds they asked for.
 */
public final class History {
    public static final int DEFAULT_SECONDS = 3600;
    /** A week at one second per slot is 4.8 MiB per dimension; more is a typo, not a wish. */
    public static final int MAX_SECONDS = 7 * 24 * 3600;

    private static final long NONE = Long.MIN_VALUE;

    private final int seconds;
    /** Only the writer touches it. */
    private final RateCalculator rates = new RateCalculator();
    private final Map<String, HistorySeries> series = new ConcurrentHashMap<>();
    private volatile long latest = NONE;
    /** The latest live table of each id (tables have no history: they are what is now). */
    private final Map<String, TimedTable> tables = new ConcurrentHashMap<>();

    private record TimedTable(long second, LiveTable table) {}

    public History() {
        this(DEFAULT_SECONDS);
    }

    /** @param seconds how many seconds each chart keeps, 1 to {@link #MAX_SECONDS} */
    public History(int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException(
                    "history seconds must be between 1 and " + MAX_SECONDS + ", not " + seconds);
        }
        this.seconds = seconds;
    }

    public int seconds() {
        return seconds;
    }

    /**
     * Stores one tick: turns the samples into displayed values with a {@link RateCalculator} and
     * writes them at {@code epochSecond}. Charts not in the list get nothing for that second. Only one
     * thread may call this.
     */
    public void record(long epochSecond, List<Sample> samples) {
        for (Sample sample : samples) {
            double[] values = rates.rates(epochSecond * 1000, sample);
            series.computeIfAbsent(sample.chart().fullId(), id -> new HistorySeries(seconds))
                    .record(epochSecond, sample.chart(), values);
        }
        latest = epochSecond;
        dropAged(epochSecond);
    }

    /** Drops charts that are gone for good (a stopped cgroup): their series and their rates. */
    public void retire(List<Chart> charts) {
        for (Chart chart : charts) {
            series.remove(chart.fullId());
            rates.forget(chart);
        }
    }

    /** Keeps a tick's live tables as the latest of their ids. Only the writer calls this. */
    public void keepTables(long epochSecond, List<LiveTable> latestTables) {
        for (LiveTable t : latestTables) {
            tables.put(t.id(), new TimedTable(epochSecond, t));
        }
    }

    /**
     * The latest table of an id; empty when none came, or when it was not renewed for three of its
     * intervals (its collector stopped).
     */
    public Optional<LiveTable> table(String id) {
        TimedTable t = tables.get(id);
        if (t == null) {
            return Optional.empty();
        }
        long now = Math.max(latest, t.second());
        return now - t.second() > 3L * t.table().updateEvery() ? Optional.empty() : Optional.of(t.table());
    }

    /** The newest second recorded, or empty before the first {@link #record}. */
    public Optional<Long> latestSecond() {
        long l = latest;
        return l == NONE ? Optional.empty() : Optional.of(l);
    }

    /** Every chart with data, by priority, then by {@code type.id}. */
    public List<HistoryChart> charts() {
        List<HistoryChart> result = new ArrayList<>(series.size());
        for (HistorySeries s : series.values()) {
            HistoryChart snapshot = s.snapshot();
            if (snapshot != null) {
                result.add(snapshot);
            }
        }
        result.sort(Comparator.comparingInt((HistoryChart c) -> c.chart().priority())
                .thenComparing(c -> c.chart().fullId()));
        return result;
    }

    public Optional<HistoryChart> chart(String fullId) {
        HistorySeries s = series.get(fullId);
        return s == null ? Optional.empty() : Optional.ofNullable(s.snapshot());
    }

    /** An estimate of the heap the history holds: the rings plus bookkeeping per chart and dimension. */
    public long memoryBytes() {
        long total = 0;
        for (HistorySeries s : series.values()) {
            total += s.memoryBytes();
        }
        return total;
    }

    /**
     * The values of a chart between two seconds, both included, oldest first.
     *
     * <p>As in Netdata's API, a {@code before} of zero or less is relative to the newest second
     * recorded ({@code 0}: that second), and an {@code after} of zero or less is relative to
     * {@code before}: {@code after=-60, before=0} is the last 60 seconds. Positive values are epoch
     * seconds. Seconds outside what is held are left out, not padded.
     *
     * <p>When more rows than {@code points} fall in the range, groups of {@code ceil(rows/points)}
     * seconds are averaged (ignoring {@code NaN}). Groups are aligned to multiples of their length
     * in epoch seconds, so that a refreshing dashboard sees stable points; a partial oldest group
     * that would exceed {@code points} is left out.
     *
     * @return empty when the chart is unknown
     * @throws IllegalArgumentException when {@code points < 1} or the range ends before it starts
     */
    public Optional<HistoryRows> query(String chartFullId, long after, long before, int points) {
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1, not " + points);
        }
        HistorySeries s = series.get(chartFullId);
        HistoryChart snapshot = s == null ? null : s.snapshot();
        if (snapshot == null) {
            return Optional.empty();
        }
        long now = latest;
        long to = before <= 0 ? now + before : before;
        long from = after <= 0 ? to + after + 1 : after;
        if (from > to) {
            throw new IllegalArgumentException(
                    "the range starts (after=" + after + ") later than it ends (before=" + before + ")");
        }
        HistorySeries.Copy copy = s.copy(from, to);
        return Optional.of(new HistoryRows(snapshot.chart(), copy.dimensions(), group(copy, points)));
    }

    private static List<HistoryRows.Row> group(HistorySeries.Copy copy, int points) {
        int n = copy.length();
        int dims = copy.values().length;
        if (n <= points) {
            List<HistoryRows.Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double[] row = new double[dims];
                for (int d = 0; d < dims; d++) {
                    row[d] = copy.values()[d][i];
                }
                rows.add(new HistoryRows.Row(copy.start() + i, row));
            }
            return rows;
        }
        int width = (n + points - 1) / points;
        List<HistoryRows.Row> rows = new ArrayList<>(points + 1);
        int i = 0;
        while (i < n) {
            long second = copy.start() + i;
            long groupEnd = Math.floorDiv(second, width) * width + width - 1;
            int end = (int) Math.min(n - 1, i + (groupEnd - second));
            double[] row = new double[dims];
            for (int d = 0; d < dims; d++) {
                row[d] = average(copy.values()[d], i, end);
            }
            rows.add(new HistoryRows.Row(copy.start() + end, row));
            i = end + 1;
        }
        return rows.size() > points ? rows.subList(rows.size() - points, rows.size()) : rows;
    }

    private static double average(double[] values, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int i = from; i <= to; i++) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Forgets charts whose newest second has aged out, or lies ahead after the clock went back. */
    private void dropAged(long now) {
        for (var it = series.entrySet().iterator(); it.hasNext(); ) {
            HistoryChart snapshot = it.next().getValue().snapshot();
            if (snapshot != null && (snapshot.lastEntry() <= now - seconds || snapshot.lastEntry() > now)) {
                it.remove();
                rates.forget(snapshot.chart());
            }
        }
    }
}
