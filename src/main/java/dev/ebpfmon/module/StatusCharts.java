package dev.ebpfmon.module;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Self charts that say which modules run (netdata.ebpf_threads) and how they are attached
 * (netdata.ebpf_load_methods), so a module that could not load is visible where the data is.
 */
public final class StatusCharts {
    private final List<ModuleStatus> statuses;
    private final Chart threadChart;
    private final Chart formatChart;
    private final Chart methodChart;

    /**
     * The charts of one set of statuses, made once: a chart made anew each tick costs the output a
     * comparison with the one announced, dimension by dimension.
     */
    public StatusCharts(List<ModuleStatus> statuses, int updateEvery) {
        this.statuses = statuses;
        List<Dimension> threads = new ArrayList<>();
        for (ModuleStatus status : statuses) {
            threads.add(Dimension.absolute(status.module()));
        }
        threadChart = Chart.builder("netdata", "ebpf_threads").title("Threads running.").units("boolean")
                .family("ebpf").context("netdata.ebpf_threads").priority(140000).updateEvery(updateEvery)
                .module("process").dimensions(threads).build();
        // Netdata's chart counts threads by BPF object format; ebpfmon's objects are all CO-RE
        formatChart = Chart.builder("netdata", "ebpf_load_methods").title("Load info.").units("methods")
                .family("ebpf").context("netdata.ebpf_load_methods").priority(140004).updateEvery(updateEvery)
                .module("process").dimensions(Dimension.absolute("legacy"), Dimension.absolute("co-re")).build();
        methodChart = Chart.builder("netdata", "ebpf_attach_methods").title("Modules by attach method")
                .units("modules").family("ebpf").context("netdata.ebpf_attach_methods").priority(140005)
                .updateEvery(updateEvery)
                .module("process").dimensions(Dimension.absolute("trampoline"), Dimension.absolute("probe"),
                        Dimension.absolute("tracepoint")).build();
    }

    /** Whether these are the charts of {@code list} (the very list: a module set's statuses are replaced, not changed). */
    public boolean describe(List<ModuleStatus> list) {
        return list == statuses;
    }

    public List<Sample> samples() {
        long[] threadRunning = new long[statuses.size()];
        for (int i = 0; i < statuses.size(); i++) {
            threadRunning[i] = statuses.get(i).runs() ? 1 : 0;
        }
        long running = statuses.stream().filter(ModuleStatus::runs).count();
        String[] methods = {"trampoline", "probe", "tracepoint"};
        long[] perMethod = new long[methods.length];
        for (ModuleStatus s : statuses) {
            for (int i = 0; i < methods.length; i++) {
                if (s.runs() && s.how().startsWith(methods[i])) {
                    perMethod[i]++;
                }
            }
        }
        return List.of(new Sample(threadChart, threadRunning), new Sample(formatChart, new long[] {0, running}),
                new Sample(methodChart, perMethod));
    }
}
