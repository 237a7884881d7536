package dev.ebpfmon.module;

import dev.ebpfmon.chart.Chart;
import java.util.List;
import java.util.Map;

/**
 * A module whose data is a set of u64 counters, named by the conventions of the C macros
 * MODULE_SETTINGS and COUNTERS (include/ebpfmon.bpf.h): host-wide in {@code <m>_global} (one
 * per-CPU slot), per process in the shared record at {@code <m>_pid_offset}, switched by
 * {@code <m>_mode}. A subclass says where its counters come from and how they are charted.
 */
public abstract class CounterModule implements Module {
    private final ModuleInfo info;
    private final int counters;
    private final boolean perProcess;

    /**
     * @param counters   how many counters (the C enum's count)
     * @param perProcess whether the counters are also kept per process, for group charts
     */
    protected CounterModule(ModuleInfo info, int counters, boolean perProcess) {
        this.info = info;
        this.counters = counters;
        this.perProcess = perProcess;
    }

    @Override
    public final ModuleInfo info() {
        return info;
    }

    @Override
    public final int pidCounters() {
        return perProcess ? counters : 0;
    }

    /** The object holding {@code <m>_global}, read by the collector. */
    protected abstract String countersObject();

    /** The host charts, with the sources of their dimensions. */
    protected abstract List<CounterChart> hostCharts(ModuleContext context);

    /**
     * Whether the BPF side counts an event either in its process's record or in the host slot,
     * never both (syscall_count in include/syscall.bpf.h): then, when counted per process, the host
     * counts are the slot's plus the records' totals.
     */
    protected boolean hostSlotSkipsRecords() {
        return false;
    }

    @Override
    public Collector collector(ModuleContext context, LoadedObjects objects) {
        HostCounters host = new HostCounters(objects.map(countersObject(), hostMap(name())), counters);
        if (hostSlotSkipsRecords() && context.pidOffset() > 0) {
            host.plusRecords(objects.records(), context.pidOffset());
        }
        return new CounterCollector(host, hostCharts(context));
    }

    @Override
    public List<Chart> charts(ModuleContext context) {
        return hostCharts(context).stream().map(CounterChart::chart).toList();
    }

    /** {@code <m>_global}: the module's host counters. */
    public static String hostMap(String module) {
        return module + "_global";
    }

    /** The globals every counter module's code reads: its mode and its place in the per-process record. */
    public static Map<String, Long> globals(String module, long mode, ModuleContext context) {
        return Map.of(module + "_mode", mode, module + "_pid_offset", (long) context.pidOffset());
    }
}
