package dev.ebpfmon.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private static final Chart GAUGE = Chart.builder("test", "gauge").title("g").units("n")
            .dimensions(Dimension.absolute("a"), Dimension.absolute("b").named("bee")).build();

    private static List<Sample> gauge(long a, long b) {
        return List.of(Sample.of(GAUGE, a, b));
    }

    private static List<Long> times(HistoryRows rows) {
        return rows.rows().stream().map(HistoryRows.Row::epochSecond).toList();
    }

    private static List<Double> column(HistoryRows rows, int dimension) {
        return rows.rows().stream().map(r -> r.values()[dimension]).toList();
    }

    @Test
    void keepsOnlyTheLastSecondsWhenTheRingWraps() {
        History history = new History(5);
        for (long t = 100; t <= 112; t++) {
            history.record(t, gauge(t, -t));
        }
        HistoryRows rows = history.query("test.gauge", 1, Long.MAX_VALUE, 100).orElseThrow();
        assertThat(times(rows)).containsExactly(108L, 109L, 110L, 111L, 112L);
        assertThat(column(rows, 0)).containsExactly(108.0, 109.0, 110.0, 111.0, 112.0);
        assertThat(column(rows, 1)).containsExactly(-108.0, -109.0, -110.0, -111.0, -112.0);
        HistoryChart chart = history.chart("test.gauge").orElseThrow();
        assertThat(chart.firstEntry()).isEqualTo(108);
        assertThat(chart.lastEntry()).isEqualTo(112);
    }

    @Test
    void relativeRangesCountBackFromTheNewestSecond() {
        History history = new History(60);
        for (long t = 1000; t < 1020; t++) {
            history.record(t, gauge(t, 0));
        }
        assertThat(times(history.query("test.gauge", -3, 0, 100).orElseThrow()))
                .containsExactly(1017L, 1018L, 1019L);
        assertThat(times(history.query("test.gauge", -2, -1, 100).orElseThrow()))
                .containsExactly(1017L, 1018L);
        // More than is held: what is held, not padding.
        assertThat(history.query("test.gauge", -600, 0, 1000).orElseThrow().rows()).hasSize(20);
    }

    @Test
    void absoluteRangesIncludeBothEndsAndAreClippedToTheData() {
        History history = new History(60);
        for (long t = 1000; t < 1020; t++) {
            history.record(t, gauge(t, 0));
        }
        assertThat(times(history.query("test.gauge", 1005, 1007, 100).orElseThrow()))
                .containsExactly(1005L, 1006L, 1007L);
        assertThat(times(history.query("test.gauge", 990, 1001, 100).orElseThrow()))
                .containsExactly(1000L, 1001L);
        assertThat(history.query("test.gauge", 2000, 2010, 100).orElseThrow().rows()).isEmpty();
    }

    @Test
    void skippedSecondsAreNaNNotOldData() {
        History history = new History(4);
        history.record(100, gauge(1, 1));
        history.record(101, gauge(2, 2));
        history.record(104, gauge(5, 5)); // 102 and 103 were not collected
        HistoryRows rows = history.query("test.gauge", 101, 104, 100).orElseThrow();
        assertThat(times(rows)).containsExactly(101L, 102L, 103L, 104L);
        assertThat(column(rows, 0)).containsExactly(2.0, Double.NaN, Double.NaN, 5.0);
        history.record(107, gauge(8, 8)); // slots of 104..106 were re-used for 105,106
        assertThat(column(history.query("test.gauge", 1, 107, 100).orElseThrow(), 0))
                .containsExactly(5.0, Double.NaN, Double.NaN, 8.0);
    }

    @Test
    void fewerPointsAverageAlignedGroupsOfSeconds() {
        History history = new History(100);
        for (long t = 100; t < 110; t++) {
            history.record(t, gauge(t - 100, 0));
        }
        HistoryRows halves = history.query("test.gauge", 100, 109, 5).orElseThrow();
        assertThat(times(halves)).containsExactly(101L, 103L, 105L, 107L, 109L);
        assertThat(column(halves, 0)).containsExactly(0.5, 2.5, 4.5, 6.5, 8.5);

        // Width 4, aligned to multiples of 4: 100-103, 104-107, 108-109.
        HistoryRows thirds = history.query("test.gauge", 100, 109, 3).orElseThrow();
        assertThat(times(thirds)).containsExactly(103L, 107L, 109L);
        assertThat(column(thirds, 0)).containsExactly(1.5, 5.5, 8.5);

        // 101..109 in groups of 5 aligned at 100 and 105 would be 2 groups; never more than asked.
        for (int points = 1; points <= 10; points++) {
            for (long after = 100; after <= 109; after++) {
                assertThat(history.query("test.gauge", after, 109, points).orElseThrow().rows())
                        .hasSizeLessThanOrEqualTo(points).isNotEmpty();
            }
        }
    }

    @Test
    void averagesIgnoreMissingValues() {
        Chart counter = Chart.builder("test", "counter").dimensions(Dimension.incremental("c")).build();
        History history = new History(100);
        history.record(100, List.of(Sample.of(counter, 10))); // first sample of a counter: NaN
        history.record(101, List.of(Sample.of(counter, 14))); // 4/s
        history.record(102, List.of(Sample.of(counter, 20))); // 6/s
        history.record(103, List.of(Sample.of(counter, 20))); // 0/s
        HistoryRows all = history.query("test.counter", 100, 103, 10).orElseThrow();
        assertThat(column(all, 0)).containsExactly(Double.NaN, 4.0, 6.0, 0.0);
        HistoryRows pairs = history.query("test.counter", 100, 103, 2).orElseThrow();
        assertThat(column(pairs, 0)).containsExactly(4.0, 3.0);
    }

    @Test
    void memoryStaysFlatAsTimePassesAndShrinksWhenChartsAge() {
        History history = new History(60);
        Chart other = Chart.builder("test", "other").dimensions(Dimension.absolute("x")).build();
        history.record(0, List.of(Sample.of(GAUGE, 1, 1), Sample.of(other, 1)));
        long oneTick = history.memoryBytes();
        assertThat(oneTick).isGreaterThanOrEqualTo(3 * 60 * 8L);
        for (long t = 1; t < 500; t++) {
            history.record(t, List.of(Sample.of(GAUGE, t, t), Sample.of(other, t)));
        }
        assertThat(history.memoryBytes()).isEqualTo(oneTick);

        // "other" stops; it stays while its data does, then goes.
        for (long t = 500; t < 559; t++) {
            history.record(t, gauge(t, t));
        }
        assertThat(history.chart("test.other")).isPresent();
        history.record(559, gauge(559, 559));
        assertThat(history.chart("test.other")).isEmpty();
        assertThat(history.query("test.other", -60, 0, 10)).isEmpty();
        assertThat(history.charts()).extracting(c -> c.chart().fullId()).containsExactly("test.gauge");
        assertThat(history.memoryBytes()).isLessThan(oneTick);
    }

    @Test
    void dimensionsThatComeAndGoKeepTheirOwnDataUntilItAgesOut() {
        Chart apps = Chart.builder("apps", "calls").dimensions(Dimension.absolute("ssh"), Dimension.absolute("bash")).build();
        Chart appsLater = apps.withDimensions(List.of(Dimension.absolute("ssh"), Dimension.absolute("java")));
        History history = new History(10);
        history.record(100, List.of(Sample.of(apps, 1, 2)));
        history.record(101, List.of(Sample.of(apps, 3, 4)));
        history.record(102, List.of(Sample.of(appsLater, 5, 6)));

        HistoryRows rows = history.query("apps.calls", 100, 102, 100).orElseThrow();
        assertThat(rows.dimensions()).extracting(Dimension::id).containsExactly("ssh", "bash", "java");
        assertThat(column(rows, 0)).containsExactly(1.0, 3.0, 5.0);
        assertThat(column(rows, 1)).containsExactly(2.0, 4.0, Double.NaN);
        assertThat(column(rows, 2)).containsExactly(Double.NaN, Double.NaN, 6.0);
        assertThat(history.chart("apps.calls").orElseThrow().chart()).isEqualTo(appsLater);

        for (long t = 103; t <= 110; t++) {
            history.record(t, List.of(Sample.of(appsLater, t, t)));
        }
        assertThat(history.chart("apps.calls").orElseThrow().dimensions()).extracting(Dimension::id)
                .containsExactly("ssh", "bash", "java");
        history.record(111, List.of(Sample.of(appsLater, 111, 111))); // 101, bash's last, ages out
        assertThat(history.chart("apps.calls").orElseThrow().dimensions()).extracting(Dimension::id)
                .containsExactly("ssh", "java");
        assertThat(history.query("apps.calls", 1, 111, 100).orElseThrow().rows())
                .allSatisfy(r -> assertThat(r.values()).hasSize(2));
    }

    @Test
    void aClockThatGoesBackStartsTheChartsAfresh() {
        History history = new History(60);
        for (long t = 1000; t < 1010; t++) {
            history.record(t, gauge(t, t));
        }
        history.record(500, gauge(1, 1));
        HistoryChart chart = history.chart("test.gauge").orElseThrow();
        assertThat(chart.firstEntry()).isEqualTo(500);
        assertThat(chart.lastEntry()).isEqualTo(500);
        assertThat(times(history.query("test.gauge", -60, 0, 100).orElseThrow())).containsExactly(500L);
    }

    @Test
    void refusesBadQueriesAndBadSizes() {
        History history = new History(60);
        history.record(100, gauge(1, 1));
        assertThat(history.query("test.nothing", -60, 0, 10)).isEmpty();
        assertThatThrownBy(() -> history.query("test.gauge", -60, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points");
        assertThatThrownBy(() -> history.query("test.gauge", 200, 100, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after=200");
        assertThatThrownBy(() -> new History(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new History(History.MAX_SECONDS + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new History().seconds()).isEqualTo(3600);
    }

    @Test
    void readersSeeWholeRowsWhileTheWriterRecords() throws Exception {
        Chart wide = Chart.builder("test", "wide").dimensions(
                java.util.stream.IntStream.range(0, 16).mapToObj(i -> Dimension.absolute("d" + i)).toList()).build();
        History history = new History(300);
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        int[] queries = new int[4];
        for (int r = 0; r < 4; r++) {
            int id = r;
            readers.add(Thread.ofPlatform().start(() -> {
                try {
                    started.await();
                    while (!done.get()) {
                        var rows = history.query("test.wide", -120, 0, id % 2 == 0 ? 1000 : 7);
                        history.charts();
                        history.memoryBytes();
                        rows.ifPresent(result -> {
                            for (HistoryRows.Row row : result.rows()) {
                                double first = row.values()[0];
                                for (double v : row.values()) {
                                    if (v != first) {
                                        throw new AssertionError("torn row at " + row.epochSecond() + ": "
                                                + java.util.Arrays.toString(row.values()));
                                    }
                                }
                                if (id % 2 == 0 && first != row.epochSecond()) {
                                    throw new AssertionError("row " + row.epochSecond() + " holds " + first);
                                }
                            }
                        });
                        queries[id]++;
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        started.countDown();
        long[] values = new long[16];
        for (long t = 1; t <= 20_000; t++) {
            java.util.Arrays.fill(values, t);
            history.record(t, List.of(new Sample(wide, values.clone())));
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(java.util.Arrays.stream(queries).min().orElseThrow()).isPositive();
    }
}
