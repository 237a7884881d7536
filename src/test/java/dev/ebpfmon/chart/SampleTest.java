package dev.ebpfmon.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleTest {

    private static final Chart CHART = Chart.builder("t", "i")
            .dimensions(Dimension.incremental("a"), Dimension.incremental("b")).build();

    @Test
    void equalityIsByContent() {
        var one = Sample.of(CHART, 1, 2);
        var two = Sample.of(CHART, 1, 2);

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one).isNotEqualTo(Sample.of(CHART, 1, 3));
        assertThat(one.toString()).isEqualTo("Sample[t.i [1, 2]]");
    }

    @Test
    void valueCountMustMatchTheDimensions() {
        assertThatThrownBy(() -> Sample.of(CHART, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 dimensions");
    }
}
