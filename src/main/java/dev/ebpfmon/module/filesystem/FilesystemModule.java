package dev.ebpfmon.module.filesystem;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.HostCounters;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.Log2Buckets;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * filesystem: latency histograms of each filesystem type's read, write, open and sync functions
 * (nfs: getattr), by trampoline or probe (filesystem.bpf.c), for the types filesystem.conf
 * switches on and whose functions this kernel has (vmlinux, or a loaded module); Netdata's
 * {@code filesystem.<fs>_<op>_latency} charts. No tracepoint path exists: on a kernel without
 * kprobes and trampolines it cannot run, and says why. Off by default, as in Netdata.
 */
public final class FilesystemModule implements Module {
    static final String OBJECT = "filesystem";
    static final String COUNTERS_MAP = "filesystem_global";
    private static final String START_MAP = "fs_start";
    private static final Path MOUNTS = Path.of("/proc/self/mounts");

    private static final ModuleInfo INFO = ModuleInfo.of("filesystem", 7, "Filesystems", false);

    @Override
    public ModuleInfo info() {
        return INFO;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        List<ProbePoint> points = new ArrayList<>();
        for (Filesystem fs : present(context)) {
            for (Filesystem.Hook hook : fs.hooks()) {
                if (context.kernel().hasFunction(hook.function())) {
                    // check says "ext4_read on ext4_file_read_iter, ext4_read_return on ...": names are chart
                    // dimension ids too (the self charts' program runs), so they have no blanks
                    points.add(ProbePoint.function(hook.program(), List.of(hook.function()), hook.entryProgram(),
                            hook.kprobeProgram()));
                    points.add(ProbePoint.function(hook.program() + "_return", List.of(hook.function()),
                            hook.exitProgram(), hook.kretprobeProgram()));
                }
            }
        }
        return List.of(new ObjectUse(OBJECT, points, Map.of(),
                Map.of(COUNTERS_MAP, MapSpec.compiled(), START_MAP, MapSpec.compiled())));
    }

    /**
     * The types switched on whose functions this kernel has, in Netdata's order.
     *
     * @throws IllegalStateException when there is none, saying why
     */
    static List<Filesystem> present(ModuleContext context) {
        List<Filesystem> wanted = FilesystemConfig.enabled(context);
        if (wanted.isEmpty()) {
            throw new IllegalStateException("every filesystem is switched off in filesystem.conf [filesystem]");
        }
        List<Filesystem> present = wanted.stream().filter(fs -> fs.hooks().stream()
                .anyMatch(h -> context.kernel().hasFunction(h.function()))).toList();
        if (present.isEmpty()) {
            throw new IllegalStateException("none of " + String.join(", ", wanted.stream().map(Filesystem::word).toList())
                    + " is in this kernel: no function of theirs (" + wanted.getFirst().hooks().getFirst().function()
                    + ", ...) in its BTF or /proc/kallsyms (a filesystem built as a module counts once loaded)");
        }
        return present;
    }

    @Override
    public Collector collector(ModuleContext context, LoadedObjects objects) {
        List<Filesystem> present = present(context);
        HostCounters counters = new HostCounters(objects.map(OBJECT, COUNTERS_MAP),
                Filesystem.values().length * FsOp.COUNT * Log2Buckets.COUNT);
        return new FilesystemCollector(counters::read, FilesystemModule::mounts, present, context.updateEvery(),
                counters::close);
    }

    private static String mounts() {
        try {
            return Files.readString(MOUNTS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MOUNTS, e);
        }
    }

    @Override
    public List<Chart> charts(ModuleContext context) {
        List<Chart> charts = new ArrayList<>();
        for (Filesystem fs : FilesystemConfig.enabled(context)) {
            charts.addAll(FilesystemCharts.of(fs, context.updateEvery()));
        }
        return charts;
    }
}
