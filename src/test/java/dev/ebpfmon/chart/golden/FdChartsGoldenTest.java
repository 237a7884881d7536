package dev.ebpfmon.chart.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end over the fd module's golden: fd's charts, built the way a module builds them (Chart
 * builders with the run-time keys set to {@link Placeholders} markers), rendered and compared. fd's own
 * chart code is package-private in dev.ebpfmon.module.fd and being rewritten, so the charts are spelled
 * out here; the lead's test feeds the modules' real definitions through the same renderer and diff.
 */
class FdChartsGoldenTest {
    private static final Conditions RETURN_APPS_CGROUPS = Conditions.of("return", "apps", "cgroups", "services");

    @Test
    void fdsChartsMatchTheGoldenInEntryAndReturnMode() {
        GoldenFile golden = GoldenFile.load("fd");

        GoldenDiff.assertSame("fd", golden.select(RETURN_APPS_CGROUPS), GoldenRenderer.render(fdCharts(true, false)));
        GoldenDiff.assertSame("fd", golden.select(Conditions.of("apps", "cgroups", "services")),
                GoldenRenderer.render(fdCharts(false, false)));
    }

    @Test
    void aOneFieldDriftIsReportedWithModuleChartAndField() {
        List<GoldenChart> golden = GoldenFile.load("fd").select(RETURN_APPS_CGROUPS);

        List<ChartDrift> drifts = GoldenDiff.diff("fd", golden, GoldenRenderer.render(fdCharts(true, true)));

        assertThat(drifts).containsExactly(
                new ChartDrift("fd", "cgroup_<name>.file_open", "priority", "45400", "45401"));
        assertThat(drifts.getFirst()).hasToString(
                "fd: cgroup_<name>.file_open: priority: golden '45400', ebpfmon '45401'");
    }

    @Test
    void aChartLeftOutInReturnModeIsReported() {
        List<Chart> entryCharts = fdCharts(false, false);

        List<ChartDrift> drifts = GoldenDiff.diff("fd", GoldenFile.load("fd").select(RETURN_APPS_CGROUPS),
                GoldenRenderer.render(entryCharts));

        assertThat(drifts).extracting(ChartDrift::chart).containsExactly("apps.file_close_error",
                "apps.file_open_error", "cgroup_<name>.file_close_error", "cgroup_<name>.file_open_error",
                "filesystem.file_error", "services.file_close_error", "services.file_open_error");
        assertThat(drifts).allSatisfy(d -> assertThat(d.field()).isEqualTo("chart"));
    }

    /** fd's charts with apps, cgroups and systemd services on; {@code drift} moves one chart's priority. */
    private static List<Chart> fdCharts(boolean returnMode, boolean drift) {
        Dimension open = Dimension.incremental("do_sys_open").named("open");
        Dimension close = Dimension.incremental("__close_fd").named("close");
        List<Chart> charts = new ArrayList<>();
        charts.add(host("file_descriptor", "Open and close calls", 2195, open, close));
        if (returnMode) {
            charts.add(host("file_error", "Open fails", 2196, open, close));
        }
        record Group(String id, String context, String title, int offset, Dimension cgroupDimension, boolean error) {}
        List<Group> groups = List.of(
                new Group("file_open", "fd_open", "Number of open files", 0, open, false),
                new Group("file_open_error", "fd_open_error", "Fails to open files", 1, open, true),
                new Group("file_closed", "fd_close", "Files closed", 2, close, false),
                new Group("file_close_error", "fd_close_error", "Fails to close files", 3, close, true));
        for (Group g : groups) {
            if (g.error() && !returnMode) {
                continue;
            }
            charts.add(Chart.builder("apps", g.id()).title(g.title()).units("calls/s").family("file_access")
                    .chartType(ChartType.STACKED).priority(20061 + g.offset()).module("fd")
                    .dimensions(Dimension.incremental(Placeholders.APP)).build());
            int cgroupPriority = 45400 + g.offset() + (drift && g.id().equals("file_open") ? 1 : 0);
            charts.add(Chart.builder("cgroup_" + Placeholders.CGROUP, g.id()).title(g.title()).units("calls/s")
                    .family("file_access (eBPF)").context("cgroup." + g.context()).priority(cgroupPriority)
                    .module("fd").dimensions(g.cgroupDimension()).build());
            charts.add(Chart.builder("services", g.id()).title(g.title()).units("calls/s").family("file_access (eBPF)")
                    .context("services." + g.context()).chartType(ChartType.STACKED).priority(20061 + g.offset())
                    .module("fd").dimensions(Dimension.incremental(Placeholders.SERVICE)).build());
        }
        return charts;
    }

    private static Chart host(String id, String title, int priority, Dimension... dimensions) {
        return Chart.builder("filesystem", id).title(title).units("calls/s").family("file_access")
                .context("filesystem." + id).priority(priority).module("fd").dimensions(dimensions).build();
    }
}
