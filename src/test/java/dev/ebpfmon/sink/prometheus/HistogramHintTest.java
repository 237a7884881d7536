package dev.ebpfmon.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebpfmon.chart.Dimension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramHintTest {

    static List<Dimension> netdataBuckets(int n) {
        List<Dimension> dims = new ArrayList<>();
        List<String> names = HistogramHint.netdataLog2Names(n);
        for (int i = 0; i < n; i++) {
            dims.add(Dimension.incremental("b" + i).named(names.get(i)));
        }
        return dims;
    }

    @Test
    void netdataNamesOfItsTwentyFourBuckets() {
        List<String> names = HistogramHint.netdataLog2Names(24);
        // as ebpf_fill_histogram_dimension(24) prints them
        assertThat(names).startsWith("0us->1us", "1us->2us", "2us->4us")
                .contains("256us->512us", "512us->1ms", "1ms->2ms", "262ms->524ms", "524ms->1s", "1s->2s")
                .endsWith("2s->4s", "4s->+Inf")
                .hasSize(24);
    }

    @Test
    void log2BoundsArePowersOfTwoMicroseconds() {
        List<Double> bounds = HistogramHint.log2Microseconds(24).upperBoundsSeconds();
        assertThat(bounds).hasSize(24);
        assertThat(bounds.getFirst()).isEqualTo(1e-6);
        assertThat(bounds.get(10)).isEqualTo(1024e-6);
        assertThat(bounds.get(22)).isEqualTo(4194304e-6);
        assertThat(bounds.getLast()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void detectsNetdataBucketNamesAndNothingElse() {
        assertThat(HistogramHint.detect(netdataBuckets(24))).contains(HistogramHint.log2Microseconds(24));
        assertThat(HistogramHint.detect(netdataBuckets(5))).contains(HistogramHint.log2Microseconds(5));
        List<Dimension> renamed = new ArrayList<>(netdataBuckets(24));
        renamed.set(3, renamed.get(3).named("4us->9us"));
        assertThat(HistogramHint.detect(renamed)).isEmpty();
        assertThat(HistogramHint.detect(List.of(Dimension.incremental("read"), Dimension.incremental("write"))))
                .isEmpty();
    }

    @Test
    void boundsMustGrow() {
        assertThatThrownBy(() -> new HistogramHint(List.of(1.0, 1.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new HistogramHint(List.of(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistogramHint(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistogramHint.log2Microseconds(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
