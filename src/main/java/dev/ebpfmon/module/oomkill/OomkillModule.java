package dev.ebpfmon.module.oomkill;

import static dev.ebpfmon.module.oomkill.OomkillCounter.KILLS;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * oomkill: the processes the OOM killer picks (tracepoint {@code oom:mark_victim}), per
 * application, cgroup and service as Netdata charts them, and host-wide on a chart of ours
 * (Netdata has none). Each kill counts for the victim, not for the task that ran out of memory
 * (see oomkill.bpf.c); a victim not counted per process when it dies later (older kernels, see
 * there) waits for its exit, which needs the scheduler's exit tracepoint as well.
 */
public final class OomkillModule extends CounterModule {
    static final String OBJECT = "oomkill";
    /** Victims whose kill waits for their exit (kernels whose tracepoint passes only a pid). */
    static final String PENDING_MAP = "oomkill_pending";
    private static final String TITLE = "OOM kills";
    private static final String GROUP_TITLE = "OOM kills. This chart is provided by eBPF plugin.";
    private static final String FAMILY = "mem";

    public OomkillModule() {
        super(ModuleInfo.of("oomkill", 13, "OOM kills", true), OomkillCounter.COUNT, true);
    }

    @Override
    protected String countersObject() {
        return OBJECT;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        List<ProbePoint> points = new ArrayList<>();
        points.add(ProbePoint.tracepoint("mark_victim", "mark_victim_btf", "mark_victim_raw"));
        Map<String, MapSpec> maps = new HashMap<>(Map.of(hostMap(name()), MapSpec.compiled()));
        if (context.pidOffset() > 0) {
            points.add(ProbePoint.tracepoint("sched_process_exit", "oom_exit_btf", "oom_exit_raw"));
            maps.put(PENDING_MAP, MapSpec.compiled());
        }
        // the mode only has to be on: a kill has no entry and return side
        return List.of(new ObjectUse(OBJECT, points, globals(name(), SyscallDispatcher.MODE_ENTRY, context), maps));
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext c) {
        Chart kills = Chart.builder("mem", "oomkills").title(TITLE).units("kills").family("OOM kills")
                .context("mem.oomkills").chartType(ChartType.LINE).priority(1031).updateEvery(c.updateEvery())
                .module(name()).dimensions(Dimension.incremental("kills")).build();
        return List.of(CounterChart.of(kills, KILLS.id()));
    }

    @Override
    public List<GroupChart> groupCharts(ModuleContext context) {
        // running totals (incremental) where Netdata sends each interval's kills as absolute: deviations.tsv
        return List.of(GroupChart.builder("oomkills", TITLE, "kills", GroupChart.Value.sum(KILLS.id()))
                .apps(FAMILY, 20020, Algorithm.INCREMENTAL)
                .cgroup(GROUP_TITLE, "cgroup.oomkills", FAMILY, 45600, ChartType.LINE, Dimension.incremental("oomkill"))
                .services(GROUP_TITLE, "services.oomkills", FAMILY, 20191, ChartType.LINE, Algorithm.INCREMENTAL)
                .build());
    }
}
