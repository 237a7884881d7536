package dev.ebpfmon.module.shm;

import static dev.ebpfmon.module.shm.ShmCounter.AT;
import static dev.ebpfmon.module.shm.ShmCounter.CTL;
import static dev.ebpfmon.module.shm.ShmCounter.DT;
import static dev.ebpfmon.module.shm.ShmCounter.GET;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.IniFile;
import dev.ebpfmon.config.SettingReader;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.SyscallCounterModule;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.SyscallDispatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * shm: System V shared memory calls (shmget, shmat, shmdt, shmctl) through the shared dispatcher,
 * with Netdata's host chart and its apps, cgroup and services charts.
 */
public final class ShmModule extends SyscallCounterModule {
    private static final String GROUP_FAMILY = "ipc shm (eBPF)";

    public ShmModule() {
        super(ModuleInfo.of("shm", 11, "Shared memory", true), ShmCounter.COUNT, true);
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        context.file().ifPresent(f -> reportIgnoredSyscalls(f, context.problems()));
        return List.of(SyscallDispatcher.use(context));
    }

    /**
     * Netdata's stock shm.conf has a {@code [syscalls]} section (every call {@code yes}) that its
     * code never reads; neither does ebpfmon, which counts all four calls: a call switched off there
     * is reported as ignored.
     */
    private static void reportIgnoredSyscalls(IniFile file, List<ConfigProblem> problems) {
        List<ConfigProblem> found = new ArrayList<>();
        SettingReader reader = new SettingReader(file, "syscalls", found);
        for (IniFile.Entry e : file.entries("syscalls")) {
            if (!reader.bool(e.key(), true)) {
                found.add(new ConfigProblem(ConfigProblem.Severity.WARNING, file.file(), e.line(), e.key(),
                        "ignored: the shm module counts all of shmget, shmat, shmdt and shmctl "
                                + "([syscalls] is not read, as in Netdata 1.37.1)"));
            }
        }
        found.stream().filter(p -> !problems.contains(p)).forEach(problems::add);
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext c) {
        Chart chart = Chart.builder("system", "shared_memory_calls").title("Calls to shared memory system calls")
                .units("calls/s").family("ipc shared memory").priority(1207).updateEvery(c.updateEvery()).module("shm")
                .dimensions(Dimension.incremental("get"), Dimension.incremental("at"), Dimension.incremental("dt"),
                        Dimension.incremental("ctl"))
                .build();
        return List.of(CounterChart.of(chart, GET.id(), AT.id(), DT.id(), CTL.id()));
    }

    @Override
    public List<GroupChart> groupCharts(ModuleContext context) {
        return List.of(
                group("shmget", GET, "get", 0, 0),
                group("shmat", AT, "at", 1, 1),
                group("shmdt", DT, "dt", 2, 2),
                // Netdata gives services.shmctl_call shmdt's priority
                group("shmctl", CTL, "ctl", 3, 2));
    }

    private static GroupChart group(String call, ShmCounter counter, String dimension, int order, int servicesOrder) {
        return GroupChart.builder(call + "_call", "Calls to syscall <code>" + call + "(2)</code>.", "calls/s",
                        GroupChart.Value.sum(counter.id()))
                .apps(GROUP_FAMILY, 20191 + order, Algorithm.INCREMENTAL)
                .cgroup("cgroup." + call, GROUP_FAMILY, 45800 + order, ChartType.LINE, Dimension.incremental(dimension))
                .services("services." + call, GROUP_FAMILY, 20191 + servicesOrder, ChartType.STACKED,
                        Algorithm.INCREMENTAL)
                .build();
    }
}
