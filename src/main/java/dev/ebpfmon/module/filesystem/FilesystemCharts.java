package dev.ebpfmon.module.filesystem;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.module.Log2Buckets;
import java.util.ArrayList;
import java.util.List;

/** Netdata 1.37.1's latency charts of one filesystem type: read, write, open, and sync (nfs: attribute). */
final class FilesystemCharts {
    /** NETDATA_CHART_PRIO_EBPF_FILESYSTEM_CHARTS: ext4 read; each chart after it one more, in type then operation order. */
    private static final int FIRST_PRIORITY = 2160;

    private FilesystemCharts() {}

    /** The charts of {@code fs}, in {@link FsOp} order. */
    static List<Chart> of(Filesystem fs, int updateEvery) {
        List<Chart> charts = new ArrayList<>(FsOp.COUNT);
        for (FsOp op : FsOp.values()) {
            String word = fs.opWord(op);
            charts.add(Chart.builder("filesystem", fs.word() + "_" + word + "_latency")
                    .title(fs.word() + " latency for each " + word + " request.").units("calls/s")
                    .family(fs.word() + "_latency").chartType(ChartType.STACKED)
                    .priority(FIRST_PRIORITY + fs.slot(op)).updateEvery(updateEvery).module("filesystem")
                    .dimensions(Log2Buckets.dimensions()).build());
        }
        return charts;
    }
}
