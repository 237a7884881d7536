package dev.ebpfmon.module.disk;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.Placeholders;
import dev.ebpfmon.module.ProbePoint;
import java.util.List;
import java.util.Map;

/**
 * disk: the latency of block requests per disk, from block:block_rq_issue to
 * block:block_rq_complete (disk.bpf.c), as Netdata's {@code disk_latency_io.<disk>} histograms;
 * beyond Netdata, each disk's requests are checked against /proc/diskstats every collection.
 * Tracepoints only, so it runs where kprobes and trampolines do not; on by default (two cheap
 * events per block request), where Netdata has it off.
 */
public final class DiskModule implements Module {
    static final String OBJECT = "disk";
    static final String LATENCY_MAP = "disk_latency";
    private static final String START_MAP = "disk_start";

    private static final ModuleInfo INFO = ModuleInfo.of("disk", 6, "Disks", true);

    @Override
    public ModuleInfo info() {
        return INFO;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        return List.of(new ObjectUse(OBJECT, List.of(
                ProbePoint.tracepoint("block_rq_issue", "issue_btf", "issue_raw"),
                ProbePoint.tracepoint("block_rq_complete", "complete_btf", "complete_raw")),
                Map.of("disk_issue_has_queue", issueHasQueue(context) ? 1L : 0L), Map.of(START_MAP, MapSpec.compiled(), LATENCY_MAP, MapSpec.compiled())));
    }

    /** block_rq_issue passes (q, rq) on older kernels: two arguments in its BTF prototype. */
    static boolean issueHasQueue(ModuleContext context) {
        return context.kernel().tracepointArgs("block_rq_issue").orElse(1) == 2;
    }

    @Override
    public Collector collector(ModuleContext context, LoadedObjects objects) {
        KernelDiskSources sources = new KernelDiskSources(objects.map(OBJECT, LATENCY_MAP));
        try {
            return new DiskCollector(sources, context.updateEvery());
        } catch (RuntimeException e) {
            sources.close();
            throw e;
        }
    }

    @Override
    public List<Chart> charts(ModuleContext context) {
        String disk = Placeholders.of("disk");
        return List.of(DiskCharts.latency(disk, context.updateEvery()),
                DiskCharts.drift(List.of(disk), context.updateEvery()));
    }
}
