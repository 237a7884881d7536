package dev.ebpfmon.chart.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenRendererTest {
    @Test
    void writesEveryPinnedFieldSortedByIdAndLeavesOutWhatGoldensDoNotPin() {
        Chart bytes = Chart.builder("filesystem", "vfs_io_bytes").title("Bytes written and read").units("bytes/s")
                .family("vfs").priority(2152).updateEvery(5).module("vfs")
                .dimensions(Dimension.incremental("vfs_read").named("read"),
                        Dimension.incremental("vfs_write").named("write").times(-1).dividedBy(8).asHidden())
                .build();
        Chart deleted = Chart.builder("filesystem", "vfs_deleted_objects").title("Remove files").units("calls/s")
                .family("vfs").context("filesystem.vfs_deleted_objects").chartType(ChartType.STACKED).priority(2150)
                .dimensions(Dimension.absolute("vfs_unlink").named("delete")).build();

        String text = GoldenRenderer.text(GoldenRenderer.render(List.of(bytes, deleted)));

        assertThat(text).isEqualTo("""
                CHART filesystem.vfs_deleted_objects title='Remove files' units='calls/s' family='vfs' \
                context='filesystem.vfs_deleted_objects' type=stacked priority=2150
                DIMENSION vfs_unlink name=delete absolute 1 1
                CHART filesystem.vfs_io_bytes title='Bytes written and read' units='bytes/s' family='vfs' \
                context='filesystem.vfs_io_bytes' type=line priority=2152
                DIMENSION vfs_read name=read incremental 1 1
                DIMENSION vfs_write name=write incremental -1 8 hidden
                """);
    }

    @Test
    void markersForRunTimeKeysBecomeTheGoldensPlaceholders() {
        Chart cgroup = Chart.builder("cgroup_" + Placeholders.CGROUP, "file_open").title("Number of open files")
                .units("calls/s").family("file_access (eBPF)").context("cgroup.fd_open").priority(45400)
                .dimensions(Dimension.incremental("do_sys_open").named("open")).build();
        Chart apps = Chart.builder("apps", "file_open").title("Number of open files").units("calls/s")
                .family("file_access").chartType(ChartType.STACKED).priority(20061)
                .dimensions(Dimension.incremental(Placeholders.APP)).build();
        Chart disk = Chart.builder("disk_latency_io", Placeholders.DISK).title("Disk latency").units("calls/s")
                .family(Placeholders.DISK).context("disk.latency_io").priority(2095)
                .dimensions(Dimension.incremental("md" + Placeholders.UNIT)).build();

        List<GoldenChart> rendered = GoldenRenderer.render(List.of(cgroup, apps, disk));

        assertThat(rendered).extracting(GoldenChart::fullId)
                .containsExactly("apps.file_open", "cgroup_<name>.file_open", "disk_latency_io.<disk>");
        assertThat(rendered.get(0).dimensions()).extracting(GoldenDimension::line)
                .containsExactly("DIMENSION <app> name=<app> incremental 1 1");
        assertThat(rendered.get(0).context()).isEqualTo("apps.file_open");
        assertThat(rendered.get(2).family()).isEqualTo("<disk>");
        assertThat(rendered.get(2).dimensions().getFirst().id()).isEqualTo("md<unit>");
    }

    @Test
    void textWithoutMarkersIsLeftAlone() {
        assertThat(Placeholders.substitute("GOLDEN app")).isEqualTo("GOLDEN app");
        assertThat(Placeholders.substitute(Placeholders.SERVICE + "." + Placeholders.MODULE))
                .isEqualTo("<service>.<module>");
    }
}
