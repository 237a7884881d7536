package dev.ebpfmon.module.fd;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.GroupChart;
import java.util.ArrayList;
import java.util.List;

/** Netdata's host charts of the fd module (ids, contexts, dimension ids and names). */
final class FdCharts {
    private static final String FAMILY = "file_access";
    private static final int PRIORITY = 2195;

    private FdCharts() {}

    static List<CounterChart> host(ModuleSettings settings) {
        List<CounterChart> charts = new ArrayList<>();
        charts.add(CounterChart.of(chart("file_descriptor", "Open and close calls", PRIORITY, settings),
                FdCounter.OPEN_CALL.id(), FdCounter.CLOSE_CALL.id()));
        if (settings.loadMode() == LoadMode.RETURN) {
            charts.add(CounterChart.of(chart("file_error", "Open fails", PRIORITY + 1, settings),
                    FdCounter.OPEN_ERR.id(), FdCounter.CLOSE_ERR.id()));
        }
        return charts;
    }

    /** Netdata's apps.* and cgroup.* charts of the fd module. */
    static List<GroupChart> groups() {
        return List.of(
                GroupChart.calls("file_open", "fd_open", "Number of open files", FAMILY, 20061, FdCounter.OPEN_CALL.id()),
                GroupChart.calls("file_open_error", "fd_open_error", "Fails to open files.", FAMILY, 20062,
                        FdCounter.OPEN_ERR.id()).errors(),
                GroupChart.calls("file_closed", "fd_close", "Files closed.", FAMILY, 20063, FdCounter.CLOSE_CALL.id()),
                GroupChart.calls("file_close_error", "fd_close_error", "Fails to close files.", FAMILY, 20064,
                        FdCounter.CLOSE_ERR.id()).errors());
    }

    private static Chart chart(String id, String title, int priority, ModuleSettings settings) {
        return Chart.builder("filesystem", id).title(title).units("calls/s").family(FAMILY)
                .context("filesystem." + id).priority(priority).updateEvery(settings.updateEvery()).module("fd")
                .dimensions(Dimension.incremental("do_sys_open").named("open"),
                        Dimension.incremental("__close_fd").named("close"))
                .build();
    }
}
