package dev.ebpfmon.chart.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenDiffTest {
    private static final GoldenDimension OPEN = new GoldenDimension("do_sys_open", "open", "incremental", 1, 1, false, "");
    private static final GoldenDimension CLOSE = new GoldenDimension("__close_fd", "close", "incremental", 1, 1, false, "");
    private static final GoldenChart FDS = new GoldenChart("filesystem.file_descriptor", "Open and close calls",
            "calls/s", "file_access", "filesystem.file_descriptor", "line", 2195, "", List.of(OPEN, CLOSE));

    @Test
    void theSameChartsHaveNoDrift() {
        assertThat(GoldenDiff.diff("fd", List.of(FDS), List.of(FDS))).isEmpty();
        GoldenDiff.assertSame("fd", List.of(FDS), List.of(FDS));
    }

    @Test
    void namesEachChartFieldThatDrifted() {
        GoldenChart drifted = new GoldenChart("filesystem.file_descriptor", "Open and close", "calls", "fds",
                "filesystem.fds", "stacked", 2196, "", List.of(OPEN, CLOSE));

        assertThat(GoldenDiff.diff("fd", List.of(FDS), List.of(drifted))).extracting(ChartDrift::toString).containsExactly(
                "fd: filesystem.file_descriptor: title: golden 'Open and close calls', ebpfmon 'Open and close'",
                "fd: filesystem.file_descriptor: units: golden 'calls/s', ebpfmon 'calls'",
                "fd: filesystem.file_descriptor: family: golden 'file_access', ebpfmon 'fds'",
                "fd: filesystem.file_descriptor: context: golden 'filesystem.file_descriptor', ebpfmon 'filesystem.fds'",
                "fd: filesystem.file_descriptor: type: golden 'line', ebpfmon 'stacked'",
                "fd: filesystem.file_descriptor: priority: golden '2195', ebpfmon '2196'");
    }

    @Test
    void namesEachDimensionFieldThatDrifted() {
        GoldenDimension open = new GoldenDimension("do_sys_open", "opens", "absolute", -1, 8, true, "");
        GoldenDimension extra = new GoldenDimension("close_range", "close_range", "incremental", 1, 1, false, "");

        assertThat(GoldenDiff.diff("fd", List.of(FDS), List.of(FDS.withDimensions(List.of(open, extra)))))
                .containsExactly(
                        new ChartDrift("fd", "filesystem.file_descriptor", "dimension do_sys_open name", "open", "opens"),
                        new ChartDrift("fd", "filesystem.file_descriptor", "dimension do_sys_open algorithm",
                                "incremental", "absolute"),
                        new ChartDrift("fd", "filesystem.file_descriptor", "dimension do_sys_open multiplier", "1", "-1"),
                        new ChartDrift("fd", "filesystem.file_descriptor", "dimension do_sys_open divisor", "1", "8"),
                        new ChartDrift("fd", "filesystem.file_descriptor", "dimension do_sys_open hidden", "false", "true"),
                        new ChartDrift("fd", "filesystem.file_descriptor", "dimension __close_fd",
                                "name=close incremental 1 1", "(none)"),
                        new ChartDrift("fd", "filesystem.file_descriptor", "dimension close_range", "(none)",
                                "name=close_range incremental 1 1"));
    }

    @Test
    void dimensionsInAnotherOrderAreADrift() {
        assertThat(GoldenDiff.diff("fd", List.of(FDS), List.of(FDS.withDimensions(List.of(CLOSE, OPEN)))))
                .containsExactly(new ChartDrift("fd", "filesystem.file_descriptor", "dimension order",
                        "do_sys_open,__close_fd", "__close_fd,do_sys_open"));
    }

    @Test
    void missingExtraAndDuplicateChartsAreDrifts() {
        GoldenChart other = new GoldenChart("filesystem.file_error", "Open fails", "calls/s", "file_access",
                "filesystem.file_error", "line", 2196, "", List.of(OPEN, CLOSE));

        assertThat(GoldenDiff.diff("fd", List.of(FDS), List.of(other, other))).containsExactly(
                new ChartDrift("fd", "filesystem.file_error", "chart", "defined once", "defined twice"),
                new ChartDrift("fd", "filesystem.file_descriptor", "chart", "present", "(none)"),
                new ChartDrift("fd", "filesystem.file_error", "chart", "(none)", "present"));
    }

    @Test
    void assertSameListsEveryDriftAndWhereDeliberateOnesGo() {
        GoldenChart drifted = new GoldenChart("filesystem.file_descriptor", "Open and close calls", "calls/s",
                "file_access", "filesystem.file_descriptor", "line", 1, "", List.of(OPEN, CLOSE));

        assertThatThrownBy(() -> GoldenDiff.assertSame("fd", List.of(FDS), List.of(drifted)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("fd: 1 difference(s) from src/test/resources/golden/charts/fd.txt (a deliberate one "
                        + "belongs in src/test/resources/netdata/deviations.tsv):\n"
                        + "  fd: filesystem.file_descriptor: priority: golden '2195', ebpfmon '1'");
    }
}
