package dev.ebpfmon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {
    @Test
    void selfFiguresAreComparedWithTheOutsideOnesAndFlaggedBeyondTenPercent() {
        assertThat(UserReport.compared(10.5, 10)).isEqualTo("10.5 (+5%)");
        assertThat(UserReport.compared(8.9, 10)).isEqualTo("8.9 (**-11%**)");
        assertThat(UserReport.compared(Double.NaN, 10)).isEqualTo("n/a");
        assertThat(UserReport.compared(3, 0)).isEqualTo("3.0");
        assertThat(UserReport.compared(3, Double.NaN)).as("nothing measured outside").isEqualTo("3.0");
    }

    @Test
    void aTicksWallTimeFromOutsideIsHowFarPastItsSecondItsOutputArrived() {
        long start = 7_000_000_000L; // the window's start on System.nanoTime, at 10.500 s of the wall clock
        List<PluginsdStream.Block> ticks = List.of(
                new PluginsdStream.Block(start + 510_000_000L, PluginsdStream.TICK_DURATION, Map.of()),
                new PluginsdStream.Block(start + 1_512_000_000L, PluginsdStream.TICK_DURATION, Map.of()));
        assertThat(SelfCharts.FromPluginsd.meanLagPastSecond(ticks, start, 10_500)).isCloseTo(11, within(1e-6));
        assertThat(SelfCharts.FromPluginsd.meanLagPastSecond(List.of(), start, 10_500)).isNaN();
    }

    @Test
    void rssSlopeIsALeastSquaresFitPerHour() {
        List<double[]> flat = List.of(new double[] {10, 100}, new double[] {15, 100}, new double[] {20, 100});
        assertThat(UserReport.slopePerHour(flat)).isZero();
        List<double[]> growing = List.of(new double[] {0, 0}, new double[] {10, 10}, new double[] {20, 20});
        assertThat(UserReport.slopePerHour(growing)).isCloseTo(3600, within(1e-9));
        assertThat(UserReport.slopePerHour(List.of(new double[] {1, 5}))).isZero();
    }

    @Test
    void jstatOutputGivesEdenOldGenAndCollections() {
        JvmHeap heap = JvmHeap.parse("""
                    S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT
                    12864.0     12864.0         0.0      9154.0     103296.0          0.0     258048.0       1166.7     8320.0     7664.7    1344.0    1058.0      1     0.293     0     0.000     -         -     0.293
                """);
        assertThat(heap).isEqualTo(new JvmHeap(103296 * 1024L, Math.round(1166.7 * 1024), 258048 * 1024L, 1, 0));
        assertThatThrownBy(() -> JvmHeap.parse("12345 not found")).hasMessageContaining("unexpected jstat output");
    }

    @Test
    void projectedRssCarriesARisingSlopeOnOrAddsEdenBeforeTheFirstCollection() {
        double[] last = {600, 100};
        JvmHeap collected = new JvmHeap(50, 0, 1000, 2, 0);
        assertThat(UserReport.projectedRss(last, -10, collected)).isEqualTo(100);
        assertThat(UserReport.projectedRss(last, 36, collected)).isCloseTo(130, within(1e-9));
        assertThat(UserReport.projectedRss(last, 3600, new JvmHeap(50, 0, 1000, 0, 0))).isEqualTo(150);
    }

    @Test
    void floorPointsComeFromTracepointLinksOnlyAndKeepRepeats() {
        List<BpfFds.Link> links = List.of(new BpfFds.Link(3, "raw_tracepoint", "sys_enter", BpfFds.PROG_TYPE_TRACING),
                new BpfFds.Link(1, "raw_tracepoint", "sched_process_fork", BpfFds.PROG_TYPE_TRACING),
                new BpfFds.Link(2, "raw_tracepoint", "sys_enter", BpfFds.PROG_TYPE_RAW_TRACEPOINT),
                new BpfFds.Link(5, "iter", "", BpfFds.PROG_TYPE_TRACING)); // runs when read: no floor to mirror
        assertThat(AgentLook.points(links)).containsExactly("sched_process_fork", "sys_enter", "sys_enter");
        assertThatThrownBy(() -> AgentLook.points(List.of(new BpfFds.Link(4, "perf_event", "", 2))))
                .hasMessageContaining("tracepoint links only").hasMessageContaining("perf_event");
    }

    @Test
    void aProcessWithoutBpfHoldsNoMapsAndNoLinks() {
        BpfFds none = BpfFds.of(ProcessHandle.current().pid());
        assertThat(none.links()).isEmpty();
        assertThat(none.memlockBytes()).isZero();
    }
}
