package dev.ebpfmon.sink.top;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopTableTest {
    private static Chart apps(String id, String... apps) {
        return Chart.builder("apps", id).context("apps." + id).units("calls/s")
                .dimensions(java.util.Arrays.stream(apps).map(a -> Dimension.incremental(a).named(a)).toList()).build();
    }

    private static Chart cgroup(String name, String id) {
        return Chart.builder("cgroup_" + name, id).context("cgroup." + id).dimensions(Dimension.incremental("calls"))
                .build();
    }

    @Test
    void rowsAreGroupsWithPerSecondRatesSortedByTheChosenColumn() {
        TopTable table = new TopTable(TopColumn.DEFAULT, "application");
        Chart opens = apps("file_open", "nginx", "postgres");
        Chart writes = apps("vfs_write_call", "nginx", "postgres");
        table.update(1_000, List.of(Sample.of(opens, 0, 0), Sample.of(writes, 0, 0)));
        table.update(3_000, List.of(Sample.of(opens, 40, 10), Sample.of(writes, 2, 200)));

        List<String> screen = table.render(80, 24);
        assertThat(screen).hasSize(4).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(screen.get(0)).contains("by open/s");
        assertThat(screen.get(1)).startsWith("APPLICATION").contains("*open/s");
        assertThat(screen.get(2)).startsWith("nginx").contains(" 20 ");
        assertThat(screen.get(3)).startsWith("postgres").contains(" 5 ").contains(" 100 ");

        table.moveSort(3); // write/s
        assertThat(table.sortedBy()).isEqualTo("write/s");
        assertThat(table.render(80, 24).get(2)).startsWith("postgres");
        table.reverse();
        assertThat(table.render(80, 24).get(2)).startsWith("nginx");
        assertThat(table.render(80, 3)).hasSize(3);
    }

    @Test
    void cgroupChartsBecomeRowsNamedAfterTheirCgroup() {
        TopTable table = new TopTable(TopColumn.DEFAULT, "cgroup");
        table.update(1_000, List.of(Sample.of(cgroup("docker_web", "file_open"), 5)));
        table.update(2_000, List.of(Sample.of(cgroup("docker_web", "file_open"), 12)));
        assertThat(table.render(80, 24).get(2)).startsWith("docker_web").contains(" 7 ");
    }

    @Test
    void humanNumbersStayNarrow() {
        assertThat(TopTable.human(Double.NaN)).isEqualTo("-");
        assertThat(TopTable.human(12.5)).isEqualTo("12.5");
        assertThat(TopTable.human(1234)).isEqualTo("1234");
        assertThat(TopTable.human(123_456)).isEqualTo("123.5k");
        assertThat(TopTable.human(9_876_543_210.0)).isEqualTo("9.9G");
    }
}
