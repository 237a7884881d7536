package dev.ebpfmon.module.self;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import java.util.List;

/**
 * The self charts' definitions. Ids and contexts Netdata's ebpf.plugin has (kernel memory, hash
 * tables) keep its dimension names and priorities; the others extend its `netdata.ebpf_*` set.
 */
final class SelfCharts {
    static final String TYPE = "netdata";
    static final String FAMILY = "ebpf";
    /** Netdata files every self chart of ebpf.plugin under the process thread. */
    static final String MODULE = "process";

    private SelfCharts() {}

    private static Chart.Builder chart(String id, int priority, int updateEvery) {
        return Chart.builder(TYPE, id).family(FAMILY).context(TYPE + "." + id).priority(priority)
                .updateEvery(updateEvery).module(MODULE);
    }

    static Chart kernelMemory(int updateEvery) {
        return chart("ebpf_kernel_memory", 140003, updateEvery).title("Memory allocated for hash tables.")
                .units("bytes").dimensions(Dimension.absolute("memory_locked")).build();
    }

    static Chart hashTables(int updateEvery) {
        return chart("ebpf_hash_tables_count", 140004, updateEvery).title("Number of hash tables loaded.")
                .units("hash tables").dimensions(Dimension.absolute("hash_table")).build();
    }

    static Chart programRuns(List<String> programs, int updateEvery) {
        return chart("ebpf_program_runs", 140010, updateEvery).title("BPF program runs.").units("runs/s")
                .dimensions(programs.stream().map(Dimension::incremental).toList()).build();
    }

    /** Kernel run time in ns, shown per second in microseconds: CPU time the programs take. */
    static Chart programTime(List<String> programs, int updateEvery) {
        return chart("ebpf_program_time", 140011, updateEvery).title("Time spent in BPF programs.")
                .units("microseconds/s").chartType(ChartType.STACKED)
                .dimensions(programs.stream().map(p -> Dimension.incremental(p).dividedBy(1000)).toList()).build();
    }

    static Chart tickDuration(int updateEvery) {
        return chart("ebpf_tick_duration", 140012, updateEvery).title("Collection tick duration.")
                .units("microseconds").dimensions(Dimension.absolute("last").dividedBy(1000),
                        Dimension.absolute("max").dividedBy(1000), Dimension.absolute("cpu").dividedBy(1000)).build();
    }

    /** Entries over capacity, in hundredths of a percent so that a nearly empty table is not 0. */
    static Chart mapsFill(List<String> maps, int updateEvery) {
        return chart("ebpf_maps_fill", 140013, updateEvery).title("Per-PID tables fill ratio.").units("%")
                .dimensions(maps.stream().map(m -> Dimension.absolute(m).dividedBy(100)).toList()).build();
    }

    static Chart agentCpu(int updateEvery) {
        return chart("ebpf_agent_cpu", 140014, updateEvery).title("Agent CPU time.").units("percentage")
                .chartType(ChartType.STACKED)
                .dimensions(Dimension.incremental("user").times(100).dividedBy(ProcessUsage.CLOCK_TICKS_PER_SECOND),
                        Dimension.incremental("system").times(100).dividedBy(ProcessUsage.CLOCK_TICKS_PER_SECOND))
                .build();
    }

    static Chart agentRss(int updateEvery) {
        return chart("ebpf_agent_rss", 140015, updateEvery).title("Agent resident memory.").units("MiB")
                .dimensions(Dimension.absolute("rss").dividedBy(1024 * 1024)).build();
    }
}
