package dev.ebpfmon.module.mdflush;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import java.util.List;
import java.util.Map;

/**
 * mdflush: flush requests per md (software RAID) device, where the md driver takes them
 * (md_flush_request, by trampoline or probe: mdflush.bpf.c); Netdata's {@code mdstat.mdstat_flush}.
 * It needs the md driver loaded (the function lives in md_mod) and kprobes or trampolines; no
 * tracepoint sees these flushes. Off by default, as in Netdata.
 */
public final class MdflushModule implements Module {
    static final String OBJECT = "mdflush";
    static final String COUNT_MAP = "mdflush_count";
    static final String FUNCTION = "md_flush_request";

    private static final ModuleInfo INFO = ModuleInfo.of("mdflush", 16, "MD flushes", false);

    @Override
    public ModuleInfo info() {
        return INFO;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        if (!context.kernel().hasFunction(FUNCTION)) {
            throw new IllegalStateException("the md driver is not loaded: " + FUNCTION + " is not in this kernel's BTF "
                    + "or /proc/kallsyms (modprobe md_mod, where the kernel has md as a module)");
        }
        return List.of(new ObjectUse(OBJECT,
                List.of(ProbePoint.function(FUNCTION, List.of(FUNCTION), "md_flush_fentry", "md_flush_kprobe")),
                Map.of(), Map.of(COUNT_MAP, MapSpec.compiled())));
    }

    @Override
    public Collector collector(ModuleContext context, LoadedObjects objects) {
        return new MdflushCollector(new KernelFlushCounts(objects.map(OBJECT, COUNT_MAP)), context.updateEvery());
    }

    @Override
    public List<Chart> charts(ModuleContext context) {
        return List.of(chart(List.of("md<unit>"), context.updateEvery()));
    }

    /** {@code mdstat.mdstat_flush}: flushes per md device, as Netdata 1.37.1 draws it. */
    static Chart chart(List<String> devices, int updateEvery) {
        return Chart.builder("mdstat", "mdstat_flush").title("MD flushes").units("flushes").family("flush (eBPF)")
                .context("md.flush").chartType(ChartType.STACKED).priority(2101).updateEvery(updateEvery)
                .module("mdflush").dimensions(devices.stream().map(Dimension::incremental).toList()).build();
    }
}
