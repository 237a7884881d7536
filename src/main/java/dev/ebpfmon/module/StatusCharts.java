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
    private StatusCharts() {}

    public static List<Sample> samples(List<ModuleStatus> statuses, int updateEvery) {
        List<Dimension> threads = new ArrayList<>();
        long[] threadRunning = new long[statuses.size()];
        for (int i = 0; i < statuses.size(); i++) {
            threads.add(Dimension.absolute(statuses.get(i).module()));
            threadRunning[i] = statuses.get(i).runs() ? 1 : 0;
        }
        Chart threadChart = Chart.builder("netdata", "ebpf_threads").title("Threads running.").units("boolean")
                .family("ebpf").context("netdata.ebpf_threads").priority(140000).updateEvery(updateEvery)
                .module("process").dimensions(threads).build();

        // Netdata's chart counts threads by BPF object format; ebpfmon's objects are all CO-RE
        long running = statuses.stream().filter(ModuleStatus::runs).count();
        Chart formatChart = Chart.builder("netdata", "ebpf_load_methods").title("Load info.").units("methods")
                .family("ebpf").context("netdata.ebpf_load_methods").priority(140004).updateEvery(updateEvery)
                .module("process").dimensions(Dimension.absolute("legacy"), Dimension.absolute("co-re")).build();

        String[] methods = {"trampoline", "probe", "tracepoint"};
        long[] perMethod = new long[methods.length];
        for (ModuleStatus s : statuses) {
            for (int i = 0; i < methods.length; i++) {
                if (s.runs() && s.how().startsWith(methods[i])) {
                    perMethod[i]++;
                }
            }
        }
        Chart methodChart = Chart.builder("netdata", "ebpf_attach_methods").title("Modules by attach method")
                .units("modules").family("ebpf").context("netdata.ebpf_attach_methods").priority(140005)
                .updateEvery(updateEvery)
                .module("process").dimensions(Dimension.absolute("trampoline"), Dimension.absolute("probe"),
                        Dimension.absolute("tracepoint")).build();
        return List.of(new Sample(threadChart, threadRunning), new Sample(formatChart, new long[] {0, running}),
                new Sample(methodChart, perMethod));
    }
}
