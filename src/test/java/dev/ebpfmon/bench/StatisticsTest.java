package dev.ebpfmon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void medianOfOddAndEvenCountsAndSpread() {
        Summary odd = Summary.of(130, 100, 110);
        assertThat(odd).isEqualTo(new Summary(110, 100, 130, 3));
        assertThat(odd.relativeSpread()).isCloseTo(30.0 / 110, within(1e-12));
        assertThat(Summary.of(4, 1, 3, 2).median()).isEqualTo(2.5);
        assertThat(Summary.of(7).relativeSpread()).isZero();
        assertThat(Summary.of(0, 0).relativeSpread()).isZero();
        assertThatThrownBy(Summary::of).hasMessageContaining("no measurements");
    }

    @Test
    void anOutlierMovesTheMedianNotAtAll() {
        assertThat(Summary.of(100, 101, 99, 100, 5000).median()).isEqualTo(100);
    }

    @Test
    void interleavingVisitsEveryConfigurationOncePerRoundReversingOddRounds() {
        List<Interleaving.Slot<String>> slots = Interleaving.order(List.of("A", "B", "C"), 3);
        assertThat(slots).extracting(Interleaving.Slot::config).containsExactly("A", "B", "C", "C", "B", "A", "A", "B", "C");
        assertThat(slots).extracting(Interleaving.Slot::round).containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2);
        assertThatThrownBy(() -> Interleaving.order(List.of(), 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interleaving.order(List.of("A"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workloadOutputIsParsedAndBadOutputRefused() {
        Map<String, Double> parsed = KernelBench.parse("loop-read 101.50\nloop-write 99.00\nloop-open 650.25\nloop-getpid 80.00\n");
        assertThat(parsed.keySet()).containsExactly("read", "write", "open", "getpid");
        assertThat(parsed.values()).containsExactly(101.5, 99.0, 650.25, 80.0);
        assertThatThrownBy(() -> KernelBench.parse("loop-read 1\n")).hasMessageContaining("lacks some of");
        assertThatThrownBy(() -> KernelBench.parse("open: 5\n")).hasMessageContaining("unexpected workload output line: 'open: 5'");
        assertThatThrownBy(() -> KernelBench.parse("loop-read x\n")).hasMessageContaining("'loop-read x'");
    }

    @Test
    void reportAddsOverBareAndComparesAddedCosts() {
        KernelBench.Results r = new KernelBench.Results(List.of("nothing", "floor", "agent"), Map.of(
                "nothing", perOp(100, 100), "floor", perOp(140, 140), "agent", perOp(150, 152)));
        KernelReport.Comparison c = new KernelReport.Comparison("agent", "floor", 1.3);
        assertThat(KernelReport.added(r, "agent", "nothing", "read")).isEqualTo(51);
        assertThat(KernelReport.ratio(r, c, "nothing", "read")).hasValueSatisfying(x -> assertThat(x).isCloseTo(51.0 / 40, within(1e-9)));
        assertThat(KernelReport.ratio(r, new KernelReport.Comparison("agent", "missing", 1), "nothing", "read")).isEmpty();
        String table = KernelReport.render(r, "nothing", List.of(c));
        assertThat(table).contains("| floor | 140 (+40) ±0% |").contains("| agent | 151 (+51) ±1% |")
                .contains("| agent / floor | 1.2").contains("| <= 1.3x |");
    }

    private static Map<String, List<Double>> perOp(double a, double b) {
        return Map.of("read", List.of(a, b, (a + b) / 2), "write", List.of(a), "open", List.of(a), "getpid", List.of(a));
    }
}
