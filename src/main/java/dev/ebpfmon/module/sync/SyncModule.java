package dev.ebpfmon.module.sync;

import static dev.ebpfmon.module.sync.SyncCounter.FDATASYNC;
import static dev.ebpfmon.module.sync.SyncCounter.FSYNC;
import static dev.ebpfmon.module.sync.SyncCounter.MSYNC;
import static dev.ebpfmon.module.sync.SyncCounter.SYNC;
import static dev.ebpfmon.module.sync.SyncCounter.SYNCFS;
import static dev.ebpfmon.module.sync.SyncCounter.SYNC_FILE_RANGE;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.SyscallCounterModule;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.SyscallDispatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * sync: calls of sync, syncfs, fsync, fdatasync, msync and sync_file_range, through the shared
 * dispatcher, with Netdata's four charts. sync.conf's {@code [syscalls]} switches each call off:
 * its code is left out of the loaded program, its dimension is dropped, and a chart left without
 * dimensions is not drawn. Netdata has no per-application charts for sync; the counters are kept
 * per process all the same (when apps or cgroups are on), which is what makes the module's kernel
 * scenario exact on a busy machine.
 */
public final class SyncModule extends SyscallCounterModule {
    /** The BPF global holding the calls switched on (sync.syscall.bpf.h). */
    static final String CALLS_GLOBAL = "sync_calls";
    private static final String FAMILY = "synchronization (eBPF)";

    public SyncModule() {
        super(ModuleInfo.of("sync", 9, "Synchronization", true), SyncCounter.COUNT, true);
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        SyncCalls calls = SyncCalls.of(context);
        if (calls.none()) {
            throw new IllegalStateException("every call is switched off in [" + SyncCalls.SECTION + "]"
                    + context.file().map(f -> " of " + f.file()).orElse(""));
        }
        ObjectUse dispatcher = SyscallDispatcher.use(context);
        Map<String, Long> globals = new HashMap<>(dispatcher.globals());
        globals.put(CALLS_GLOBAL, calls.mask());
        return List.of(new ObjectUse(dispatcher.object(), dispatcher.probePoints(), globals, dispatcher.maps()));
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext c) {
        SyncCalls calls = SyncCalls.of(c);
        List<CounterChart> charts = new ArrayList<>();
        chart(c, calls, "file_sync", "Monitor calls for <code>fsync(2)</code> and <code>fdatasync(2)</code>.", 21300,
                FSYNC, FDATASYNC).ifPresent(charts::add);
        chart(c, calls, "memory_map", "Monitor calls for <code>msync(2)</code>.", 21301, MSYNC).ifPresent(charts::add);
        chart(c, calls, "sync", "Monitor calls for <code>sync(2)</code> and <code>syncfs(2)</code>.", 21302,
                SYNC, SYNCFS).ifPresent(charts::add);
        chart(c, calls, "file_segment", "Monitor calls for <code>sync_file_range(2)</code>.", 21303,
                SYNC_FILE_RANGE).ifPresent(charts::add);
        return charts;
    }

    /** A chart of the calls switched on among {@code group}; none when all of them are off. */
    private static Optional<CounterChart> chart(ModuleContext c, SyncCalls calls, String id, String title,
            int priority, SyncCounter... group) {
        List<SyncCounter> on = Stream.of(group).filter(calls::has).toList();
        if (on.isEmpty()) {
            return Optional.empty();
        }
        Chart chart = Chart.builder("mem", id).title(title).units("calls/s").family(FAMILY).priority(priority)
                .updateEvery(c.updateEvery()).module("sync")
                .dimensions(on.stream().map(call -> Dimension.incremental(call.syscall())).toList()).build();
        return Optional.of(CounterChart.of(chart, on.stream().mapToInt(SyncCounter::id).toArray()));
    }
}
