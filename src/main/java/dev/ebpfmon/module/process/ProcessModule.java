package dev.ebpfmon.module.process;

import static dev.ebpfmon.module.process.ProcessCounter.PROCESS_CREATE;
import static dev.ebpfmon.module.process.ProcessCounter.PROCESS_ERR;
import static dev.ebpfmon.module.process.ProcessCounter.TASK_EXIT;
import static dev.ebpfmon.module.process.ProcessCounter.TASK_RELEASE;
import static dev.ebpfmon.module.process.ProcessCounter.THREAD_CREATE;
import static dev.ebpfmon.module.process.ProcessCounter.THREAD_ERR;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.CounterModule;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import dev.ebpfmon.module.SyscallDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * process: task creation, exit and release from the scheduler's tracepoints; in return mode also
 * failed fork/clone calls, from the shared syscall dispatcher (writing into the same counters).
 */
public final class ProcessModule extends CounterModule {
    static final String OBJECT = "process";
    private static final String FAMILY = "processes";
    private static final String SERVICES_FAMILY = "process (eBPF)";
    private static final Dimension FORK = Dimension.incremental("_do_fork").named("process");
    private static final Dimension CLONE = Dimension.incremental("sys_clone").named("thread");
    private static final Dimension EXIT = Dimension.incremental("do_exit").named("process");
    private static final Dimension RELEASE = Dimension.incremental("release_task").named("task");

    public ProcessModule() {
        super(ModuleInfo.of("process", 1, "Processes", true), ProcessCounter.COUNT, true);
    }

    @Override
    protected String countersObject() {
        return OBJECT;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        Map<String, MapSpec> maps = Map.of(hostMap(name()), MapSpec.compiled());
        List<ObjectUse> uses = new ArrayList<>();
        uses.add(new ObjectUse(OBJECT, List.of(
                ProbePoint.tracepoint("sched_process_fork", "fork_btf", "fork_raw"),
                ProbePoint.tracepoint("sched_process_exit", "exit_btf", "exit_raw"),
                ProbePoint.tracepoint("sched_process_free", "free_btf", "free_raw")),
                globals(name(), context.returnMode() ? SyscallDispatcher.MODE_RETURN : SyscallDispatcher.MODE_ENTRY,
                        context), maps));
        if (context.returnMode()) {
            uses.add(SyscallDispatcher.use(context));
        }
        return uses;
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext c) {
        List<CounterChart> charts = new ArrayList<>();
        // Netdata's dimension ids (kernel function names) with its names, so its alerts keep working;
        // we send running totals (incremental) where Netdata sends per-interval deltas (absolute)
        charts.add(CounterChart.of(chart(c, "process_thread", "Start process", "calls/s", 21002, FORK, CLONE),
                PROCESS_CREATE.id(), THREAD_CREATE.id()));
        charts.add(CounterChart.of(chart(c, "exit", "Exit process", "calls/s", 21003, EXIT, RELEASE),
                TASK_EXIT.id(), TASK_RELEASE.id()));
        // tasks alive and zombies, as running differences of the counters since the agent started
        charts.add(new CounterChart(chart(c, "process_status", "Process not closed", "difference", 21004,
                Dimension.absolute("process"), Dimension.absolute("zombie")), List.of(
                        (now, before) -> now[PROCESS_CREATE.id()] + now[THREAD_CREATE.id()] - now[TASK_EXIT.id()],
                        (now, before) -> now[TASK_EXIT.id()] - now[TASK_RELEASE.id()])));
        if (c.returnMode()) {
            charts.add(CounterChart.of(chart(c, "task_error", "Fails to create process", "calls/s", 21005, FORK, CLONE),
                    PROCESS_ERR.id(), THREAD_ERR.id()));
        }
        return charts;
    }

    private static Chart chart(ModuleContext c, String id, String title, String units, int priority,
            Dimension... dimensions) {
        return Chart.builder("system", id).title(title).units(units).family(FAMILY).priority(priority)
                .updateEvery(c.updateEvery()).module("process").dimensions(dimensions).build();
    }

    @Override
    public List<GroupChart> groupCharts(ModuleContext context) {
        return List.of(
                group("process_create", "Process started", GroupChart.Value.sum(PROCESS_CREATE.id()), 0, FORK)
                        .build(),
                group("thread_create", "Threads started", GroupChart.Value.sum(THREAD_CREATE.id()), 1, CLONE)
                        .build(),
                // Netdata's services layout swaps task_exit and task_close: title, context and place
                group("task_exit", "Tasks starts exit process.", GroupChart.Value.sum(TASK_EXIT.id()), 2, EXIT)
                        .services("Tasks closed", "services.task_close", SERVICES_FAMILY, 20065 + 3,
                                ChartType.STACKED, Algorithm.INCREMENTAL).build(),
                group("task_close", "Tasks closed", GroupChart.Value.sum(TASK_RELEASE.id()), 3, RELEASE)
                        .services("Tasks starts exit process.", "services.task_exit", SERVICES_FAMILY, 20065 + 2,
                                ChartType.STACKED, Algorithm.INCREMENTAL).build(),
                group("task_error", "Errors to create process or threads.",
                        GroupChart.Value.sum(PROCESS_ERR.id(), THREAD_ERR.id()), 4, EXIT).returnOnly().build());
    }

    private static GroupChart.Builder group(String id, String title, GroupChart.Value value, int order,
            Dimension cgroupDimension) {
        return GroupChart.builder(id, title, "calls/s", value)
                .apps(FAMILY, 20065 + order, Algorithm.INCREMENTAL)
                .cgroup("cgroup." + id, "processes (eBPF)", 45000 + order, ChartType.LINE, cgroupDimension)
                .services("services." + id, SERVICES_FAMILY, 20065 + order, ChartType.STACKED, Algorithm.INCREMENTAL);
    }
}
