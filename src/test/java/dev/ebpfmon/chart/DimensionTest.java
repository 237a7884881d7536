package dev.ebpfmon.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DimensionTest {

    @Test
    void factoriesDefaultNameToIdAndScaleToOne() {
        var d = Dimension.incremental("open");

        assertThat(d).isEqualTo(new Dimension("open", "open", Algorithm.INCREMENTAL, 1, 1, false));
        assertThat(Dimension.absolute("ratio").algorithm()).isEqualTo(Algorithm.ABSOLUTE);
        assertThat(Dimension.percentageOfAbsoluteRow("a").algorithm())
                .isEqualTo(Algorithm.PERCENTAGE_OF_ABSOLUTE_ROW);
        assertThat(Dimension.percentageOfIncrementalRow("a").algorithm())
                .isEqualTo(Algorithm.PERCENTAGE_OF_INCREMENTAL_ROW);
    }

    @Test
    void refinementsChangeOnlyTheirField() {
        var d = Dimension.incremental("write").named("bytes written").times(-1).dividedBy(1000).asHidden();

        assertThat(d).isEqualTo(new Dimension("write", "bytes written", Algorithm.INCREMENTAL, -1, 1000, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a'b", "a\"b", "a=b", "a\\b", "a\tb", "a\nb"})
    void rejectsIdsThatWouldBreakAProtocolLine(String id) {
        assertThatThrownBy(() -> Dimension.absolute(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsZeroScaleAndBlankName() {
        var d = Dimension.absolute("x");
        assertThatThrownBy(() -> d.times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.dividedBy(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.named(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void netdataNamesAreTheProtocolKeywords() {
        assertThat(Algorithm.ABSOLUTE.netdataName()).isEqualTo("absolute");
        assertThat(Algorithm.INCREMENTAL.netdataName()).isEqualTo("incremental");
        assertThat(Algorithm.PERCENTAGE_OF_ABSOLUTE_ROW.netdataName()).isEqualTo("percentage-of-absolute-row");
        assertThat(Algorithm.PERCENTAGE_OF_INCREMENTAL_ROW.netdataName())
                .isEqualTo("percentage-of-incremental-row");
        assertThat(ChartType.LINE.netdataName()).isEqualTo("line");
        assertThat(ChartType.AREA.netdataName()).isEqualTo("area");
        assertThat(ChartType.STACKED.netdataName()).isEqualTo("stacked");
        assertThat(ChartType.HEATMAP.netdataName()).isEqualTo("heatmap");
    }
}
