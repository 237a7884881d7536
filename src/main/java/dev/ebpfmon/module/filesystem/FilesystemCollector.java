package dev.ebpfmon.module.filesystem;

import dev.ebpfmon.module.Fields;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.KeyedCharts;
import dev.ebpfmon.module.Log2Buckets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Charts the histograms of the loaded filesystem types while one of that type is mounted, as
 * Netdata does (mounts are read every {@link #MOUNTS_EVERY_TICKS} collections; a type that
 * counted calls meanwhile is charted anyway), and retires a type's charts once it is unmounted.
 */
final class FilesystemCollector implements Collector {
    static final int MOUNTS_EVERY_TICKS = 10;

    private final Consumer<long[]> counters;
    private final Supplier<String> mounts;
    private final List<Filesystem> loaded;
    private final KeyedCharts<Filesystem> charts;
    private final Runnable onClose;
    private long[] now = new long[Filesystem.values().length * FsOp.COUNT * Log2Buckets.COUNT];
    private long[] before = new long[now.length];
    private Set<Filesystem> mounted = EnumSet.noneOf(Filesystem.class);
    private long ticks;

    /**
     * @param counters fills an array with filesystem_global, summed over CPUs
     * @param mounts   the text of /proc/self/mounts
     */
    FilesystemCollector(Consumer<long[]> counters, Supplier<String> mounts, List<Filesystem> loaded, int updateEvery,
            Runnable onClose) {
        this.counters = counters;
        this.mounts = mounts;
        this.loaded = List.copyOf(loaded);
        this.onClose = onClose;
        this.charts = new KeyedCharts<>(1, fs -> FilesystemCharts.of(fs, updateEvery));
    }

    @Override
    public void collect(Tick tick) {
        long[] previous = before;
        before = now;
        now = previous;
        counters.accept(now);
        if (ticks++ % MOUNTS_EVERY_TICKS == 0) {
            mounted = mountedTypes(mounts.get());
        }
        charts.startTick();
        for (Filesystem fs : loaded) {
            if (!mounted.contains(fs) && !counted(fs)) {
                continue;
            }
            List<Chart> fsCharts = charts.seen(fs);
            for (FsOp op : FsOp.values()) {
                int from = fs.slot(op) * Log2Buckets.COUNT;
                tick.add(new Sample(fsCharts.get(op.ordinal()), Arrays.copyOfRange(now, from, from + Log2Buckets.COUNT)));
            }
        }
        charts.endTick(tick);
    }

    /** Whether the type counted a call since the previous collection. */
    private boolean counted(Filesystem fs) {
        int from = fs.slot(FsOp.READ) * Log2Buckets.COUNT;
        int to = from + FsOp.COUNT * Log2Buckets.COUNT;
        return !Arrays.equals(now, from, to, before, from, to);
    }

    /** Our types among the mounts (/proc/self/mounts: device, mount point, type, ...). */
    static Set<Filesystem> mountedTypes(String mountsText) {
        Set<Filesystem> types = EnumSet.noneOf(Filesystem.class);
        for (String line : mountsText.split("\n")) {
            String[] f = Fields.of(line);
            if (f.length >= 3) {
                Filesystem.ofMountType(f[2]).ifPresent(types::add);
            }
        }
        return types;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
