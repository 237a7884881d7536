package dev.ebpfmon.module.fd;

import static dev.ebpfmon.module.fd.FdCounter.CLOSE_CALL;
import static dev.ebpfmon.module.fd.FdCounter.CLOSE_ERR;
import static dev.ebpfmon.module.fd.FdCounter.OPEN_CALL;
import static dev.ebpfmon.module.fd.FdCounter.OPEN_ERR;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.SyscallCounterModule;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * fd: open-family and close calls (and, in return mode, their errors), through the shared
 * dispatcher, with Netdata's charts (module field {@code filedescriptor} in 1.37's charts is
 * written as {@code fd} here: the module's name).
 */
public final class FdModule extends SyscallCounterModule {
    private static final String FAMILY = "file_access";
    private static final String GROUP_FAMILY = "file_access (eBPF)";
    private static final Dimension OPEN = Dimension.incremental("do_sys_open").named("open");
    private static final Dimension CLOSE = Dimension.incremental("__close_fd").named("close");

    public FdModule() {
        super(ModuleInfo.of("fd", 2, "File access", true), FdCounter.COUNT, true);
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext c) {
        List<CounterChart> charts = new ArrayList<>();
        charts.add(CounterChart.of(chart(c, "file_descriptor", "Open and close calls", 2195),
                OPEN_CALL.id(), CLOSE_CALL.id()));
        if (c.returnMode()) {
            charts.add(CounterChart.of(chart(c, "file_error", "Open fails", 2196), OPEN_ERR.id(), CLOSE_ERR.id()));
        }
        return charts;
    }

    private static Chart chart(ModuleContext c, String id, String title, int priority) {
        return Chart.builder("filesystem", id).title(title).units("calls/s").family(FAMILY).priority(priority)
                .updateEvery(c.updateEvery()).module("fd").dimensions(OPEN, CLOSE).build();
    }

    @Override
    public List<GroupChart> groupCharts(ModuleContext context) {
        return List.of(
                group("file_open", "Number of open files", OPEN_CALL, "fd_open", 0, OPEN).build(),
                group("file_open_error", "Fails to open files", OPEN_ERR, "fd_open_error", 1, OPEN).returnOnly().build(),
                group("file_closed", "Files closed", CLOSE_CALL, "fd_close", 2, CLOSE).build(),
                group("file_close_error", "Fails to close files", CLOSE_ERR, "fd_close_error", 3, CLOSE).returnOnly()
                        .build());
    }

    private static GroupChart.Builder group(String id, String title, FdCounter counter, String context, int order,
            Dimension cgroupDimension) {
        return GroupChart.builder(id, title, "calls/s", GroupChart.Value.sum(counter.id()))
                .apps(FAMILY, 20061 + order, Algorithm.INCREMENTAL)
                .cgroup("cgroup." + context, GROUP_FAMILY, 45400 + order, ChartType.LINE, cgroupDimension)
                .services("services." + context, GROUP_FAMILY, 20061 + order, ChartType.STACKED, Algorithm.INCREMENTAL);
    }
}
