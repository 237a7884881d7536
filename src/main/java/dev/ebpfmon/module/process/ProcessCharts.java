package dev.ebpfmon.module.process;

import static dev.ebpfmon.module.process.ProcessCounter.PROCESS_CREATE;
import static dev.ebpfmon.module.process.ProcessCounter.PROCESS_ERR;
import static dev.ebpfmon.module.process.ProcessCounter.TASK_EXIT;
import static dev.ebpfmon.module.process.ProcessCounter.TASK_RELEASE;
import static dev.ebpfmon.module.process.ProcessCounter.THREAD_CREATE;
import static dev.ebpfmon.module.process.ProcessCounter.THREAD_ERR;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.GroupChart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** Netdata's host charts of the process module. */
final class ProcessCharts {
    private static final String FAMILY = "processes";

    private ProcessCharts() {}

    static List<CounterChart> host(ModuleSettings s) {
        List<CounterChart> charts = new ArrayList<>();
        // Netdata's dimension ids (kernel function names) with its names, so its alerts keep working;
        // we send running totals (incremental) where Netdata sends per-interval deltas (absolute)
        charts.add(CounterChart.of(chart(s, "process_thread", "Start process", "calls/s", 21002,
                Dimension.incremental("_do_fork").named("process"), Dimension.incremental("sys_clone").named("thread")),
                PROCESS_CREATE.id(), THREAD_CREATE.id()));
        charts.add(CounterChart.of(chart(s, "exit", "Exit process", "calls/s", 21003,
                Dimension.incremental("do_exit").named("process"), Dimension.incremental("release_task").named("task")),
                TASK_EXIT.id(), TASK_RELEASE.id()));
        // tasks alive and zombies, as running differences of the counters since the agent started
        charts.add(new CounterChart(chart(s, "process_status", "Process not closed", "calls", 21004,
                Dimension.absolute("process"), Dimension.absolute("zombie")), List.<ToLongFunction<long[]>>of(
                        c -> c[PROCESS_CREATE.id()] + c[THREAD_CREATE.id()] - c[TASK_EXIT.id()],
                        c -> c[TASK_EXIT.id()] - c[TASK_RELEASE.id()])));
        if (s.loadMode() == LoadMode.RETURN) {
            charts.add(CounterChart.of(chart(s, "task_error", "Fails to create process", "calls/s", 21005,
                    Dimension.incremental("_do_fork").named("process"), Dimension.incremental("sys_clone").named("thread")),
                    PROCESS_ERR.id(), THREAD_ERR.id()));
        }
        return charts;
    }

    /** Netdata's apps.* and cgroup.* charts of the process module. */
    static List<GroupChart> groups() {
        return List.of(
                GroupChart.calls("process_create", "process_create", "Process started.", FAMILY, 20055,
                        PROCESS_CREATE.id()),
                GroupChart.calls("thread_create", "thread_create", "Threads started.", FAMILY, 20056,
                        THREAD_CREATE.id()),
                GroupChart.calls("task_exit", "task_exit", "Tasks starts exit process.", FAMILY, 20057, TASK_EXIT.id()),
                GroupChart.calls("task_close", "task_close", "Tasks closed.", FAMILY, 20058, TASK_RELEASE.id()),
                GroupChart.calls("task_error", "task_error", "Errors to create process or threads.", FAMILY, 20059,
                        PROCESS_ERR.id()).plus(THREAD_ERR.id()).errors());
    }

    private static Chart chart(ModuleSettings s, String id, String title, String units, int priority,
            Dimension... dimensions) {
        return Chart.builder("system", id).title(title).units(units).family(FAMILY).context("system." + id)
                .priority(priority).updateEvery(s.updateEvery()).module("process").dimensions(dimensions).build();
    }
}
