package dev.ebpfmon.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTest {

    @Test
    void builderFillsNetdataDefaults() {
        var chart = Chart.builder("filesystem", "file_descriptor")
                .title("Open and close calls")
                .units("calls/s")
                .dimensions(Dimension.incremental("open"), Dimension.incremental("close"))
                .build();

        assertThat(chart.fullId()).isEqualTo("filesystem.file_descriptor");
        assertThat(chart.context()).isEqualTo("filesystem.file_descriptor");
        assertThat(chart.family()).isEqualTo("file_descriptor");
        assertThat(chart.name()).isEmpty();
        assertThat(chart.plugin()).isEqualTo("ebpf.plugin");
        assertThat(chart.module()).isEmpty();
        assertThat(chart.updateEvery()).isEqualTo(1);
        assertThat(chart.priority()).isEqualTo(1000);
        assertThat(chart.chartType()).isEqualTo(ChartType.LINE);
    }

    @Test
    void builderSetsEveryField() {
        var chart = Chart.builder("apps", "file_open")
                .name("open").title("t").units("u").family("f").context("apps.file_open")
                .chartType(ChartType.STACKED).priority(20061).updateEvery(5)
                .dimensions(List.of(Dimension.incremental("bash")))
                .plugin("p").module("fd")
                .build();

        assertThat(chart).isEqualTo(new Chart("apps", "file_open", "open", "t", "u", "f", "apps.file_open",
                ChartType.STACKED, 20061, 5, List.of(Dimension.incremental("bash")), "p", "fd", java.util.Map.of()));
    }

    @Test
    void dimensionsAreCopiedSoTheChartStaysImmutable() {
        var dims = new ArrayList<>(List.of(Dimension.absolute("a")));
        var chart = Chart.builder("t", "i").dimensions(dims).build();
        dims.add(Dimension.absolute("b"));

        assertThat(chart.dimensions()).extracting(Dimension::id).containsExactly("a");
    }

    @Test
    void withDimensionsKeepsEverythingElse() {
        var chart = Chart.builder("apps", "file_open").title("Open").module("fd")
                .dimensions(Dimension.incremental("bash")).build();

        var changed = chart.withDimensions(List.of(Dimension.incremental("sshd")));

        assertThat(changed.dimensions()).extracting(Dimension::id).containsExactly("sshd");
        assertThat(changed.withDimensions(chart.dimensions())).isEqualTo(chart);
    }

    @Test
    void rejectsInvalidDefinitions() {
        assertThatThrownBy(() -> Chart.builder("file.system", "x").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chart.builder("t", "a b").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chart.builder("t", "i").updateEvery(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chart.builder("t", "i")
                        .dimensions(Dimension.absolute("a"), Dimension.incremental("a")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' twice");
    }
}
