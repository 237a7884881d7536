package dev.ebpfmon.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateCalculatorTest {

    private static final double NAN = Double.NaN;

    private final RateCalculator calculator = new RateCalculator();

    private static Chart chart(Dimension... dims) {
        return Chart.builder("test", "chart").dimensions(dims).build();
    }

    @Test
    void incrementalNeedsTwoSamplesThenGivesPerSecondRates() {
        var chart = chart(Dimension.incremental("open"), Dimension.incremental("close"));

        assertThat(calculator.rates(1_000, Sample.of(chart, 100, 50))).containsExactly(NAN, NAN);
        assertThat(calculator.rates(2_000, Sample.of(chart, 130, 50))).containsExactly(30.0, 0.0);
        // Two seconds later: the increase is spread over the elapsed time.
        assertThat(calculator.rates(4_000, Sample.of(chart, 170, 60))).containsExactly(20.0, 5.0);
        assertThat(calculator.rates(4_500, Sample.of(chart, 171, 60))).containsExactly(2.0, 0.0);
    }

    @Test
    void incrementalAppliesMultiplierAndDivisor() {
        var chart = chart(Dimension.incremental("read"), Dimension.incremental("write").times(-1),
                Dimension.incremental("kbits").times(8).dividedBy(1000));

        calculator.rates(0, Sample.of(chart, 0, 0, 0));
        assertThat(calculator.rates(1_000, Sample.of(chart, 10, 10, 1_000)))
                .containsExactly(10.0, -10.0, 8.0);
    }

    @Test
    void counterGoingBackwardsYieldsNoValueForOneTick() {
        var chart = chart(Dimension.incremental("a"), Dimension.incremental("b"));

        calculator.rates(0, Sample.of(chart, 1_000, 1_000));
        assertThat(calculator.rates(1_000, Sample.of(chart, 5, 1_010))).containsExactly(NAN, 10.0);
        assertThat(calculator.rates(2_000, Sample.of(chart, 8, 1_020))).containsExactly(3.0, 10.0);
    }

    @Test
    void noTimePassedYieldsNoRate() {
        var chart = chart(Dimension.incremental("a"));

        calculator.rates(1_000, Sample.of(chart, 1));
        assertThat(calculator.rates(1_000, Sample.of(chart, 2))).containsExactly(NAN);
    }

    @Test
    void absoluteIsScaledFromTheFirstSample() {
        var chart = chart(Dimension.absolute("ratio"), Dimension.absolute("ms").dividedBy(1000),
                Dimension.absolute("neg").times(-2));

        assertThat(calculator.rates(0, Sample.of(chart, 97, 1_500, 3))).containsExactly(97.0, 1.5, -6.0);
    }

    @Test
    void percentageOfAbsoluteRow() {
        var chart = chart(Dimension.percentageOfAbsoluteRow("hit"), Dimension.percentageOfAbsoluteRow("miss"));

        assertThat(calculator.rates(0, Sample.of(chart, 3, 1))).containsExactly(75.0, 25.0);
        // Netdata shows 0 % for every dimension of a row that sums to zero.
        assertThat(calculator.rates(1_000, Sample.of(chart, 0, 0))).containsExactly(0.0, 0.0);
    }

    @Test
    void percentagesIgnoreMultiplierAndDivisorLikeNetdata() {
        var chart = chart(Dimension.percentageOfAbsoluteRow("a").times(10).dividedBy(3),
                Dimension.percentageOfAbsoluteRow("b"));

        assertThat(calculator.rates(0, Sample.of(chart, 1, 1))).containsExactly(50.0, 50.0);
    }

    @Test
    void percentageOfIncrementalRow() {
        var chart = chart(Dimension.percentageOfIncrementalRow("hit"),
                Dimension.percentageOfIncrementalRow("miss"));

        assertThat(calculator.rates(0, Sample.of(chart, 100, 100))).containsExactly(NAN, NAN);
        assertThat(calculator.rates(1_000, Sample.of(chart, 190, 110))).containsExactly(90.0, 10.0);
        assertThat(calculator.rates(2_000, Sample.of(chart, 190, 110))).containsExactly(0.0, 0.0);
        // A reset dimension has no value and does not distort the others' share.
        assertThat(calculator.rates(3_000, Sample.of(chart, 10, 130))).containsExactly(NAN, 100.0);
    }

    @Test
    void chartsAreTrackedSeparately() {
        var one = Chart.builder("t", "one").dimensions(Dimension.incremental("a")).build();
        var two = Chart.builder("t", "two").dimensions(Dimension.incremental("a")).build();

        calculator.rates(0, Sample.of(one, 0));
        assertThat(calculator.rates(1_000, Sample.of(two, 500))).containsExactly(NAN);
        assertThat(calculator.rates(1_000, Sample.of(one, 7))).containsExactly(7.0);
    }

    @Test
    void dimensionSetChangesAreMatchedById() {
        var before = chart(Dimension.incremental("bash"), Dimension.incremental("sshd"),
                Dimension.incremental("cron"));
        var after = before.withDimensions(List.of(Dimension.incremental("cron"),
                Dimension.incremental("nginx"), Dimension.incremental("bash")));

        calculator.rates(0, Sample.of(before, 10, 20, 30));
        assertThat(calculator.rates(1_000, Sample.of(after, 33, 1_000, 11)))
                .containsExactly(3.0, NAN, 1.0);
        // sshd is gone; nginx now has a predecessor.
        assertThat(calculator.rates(2_000, Sample.of(after, 34, 1_004, 11)))
                .containsExactly(1.0, 4.0, 0.0);
    }

    @Test
    void percentageRowTotalFollowsTheCurrentDimensionSet() {
        var before = chart(Dimension.percentageOfIncrementalRow("a"), Dimension.percentageOfIncrementalRow("b"));
        var after = before.withDimensions(List.of(Dimension.percentageOfIncrementalRow("b"),
                Dimension.percentageOfIncrementalRow("c")));

        calculator.rates(0, Sample.of(before, 0, 0));
        // c is new: it has no increase yet, so b holds the whole row.
        assertThat(calculator.rates(1_000, Sample.of(after, 5, 1_000))).containsExactly(100.0, NAN);
        assertThat(calculator.rates(2_000, Sample.of(after, 10, 1_015))).containsExactly(25.0, 75.0);
    }

    @Test
    void forgetStartsAChartOver() {
        var chart = chart(Dimension.incremental("a"));

        calculator.rates(0, Sample.of(chart, 0));
        calculator.forget(chart);
        assertThat(calculator.rates(1_000, Sample.of(chart, 10))).containsExactly(NAN);
    }

    @Test
    void fractionalSeconds() {
        var chart = chart(Dimension.incremental("a"));

        calculator.rates(0, Sample.of(chart, 0));
        assertThat(calculator.rates(333, Sample.of(chart, 1))[0]).isCloseTo(3.003, within(0.001));
    }
}
