package dev.ebpfmon.module.vfs;

import static dev.ebpfmon.module.vfs.VfsCounter.CREATE_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.CREATE_ERR;
import static dev.ebpfmon.module.vfs.VfsCounter.FSYNC_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.FSYNC_ERR;
import static dev.ebpfmon.module.vfs.VfsCounter.OPEN_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.OPEN_ERR;
import static dev.ebpfmon.module.vfs.VfsCounter.READ_BYTES;
import static dev.ebpfmon.module.vfs.VfsCounter.READ_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.READ_ERR;
import static dev.ebpfmon.module.vfs.VfsCounter.UNLINK_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.WRITE_BYTES;
import static dev.ebpfmon.module.vfs.VfsCounter.WRITE_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.WRITE_ERR;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.CounterChart;
import java.util.ArrayList;
import java.util.List;

/** Netdata's host charts of the vfs module. */
final class VfsCharts {
    private static final String FAMILY = "vfs";
    private static final Dimension READ = Dimension.incremental("vfs_read").named("read");
    private static final Dimension WRITE = Dimension.incremental("vfs_write").named("write").times(-1);

    private VfsCharts() {}

    static List<CounterChart> host(ModuleSettings s) {
        List<CounterChart> charts = new ArrayList<>();
        charts.add(one(s, "vfs_deleted_objects", "Remove files", "calls/s", 2073, "vfs_unlink", "delete", UNLINK_CALL));
        charts.add(CounterChart.of(chart(s, "vfs_io", "Calls to IO", "calls/s", 2074, READ, WRITE),
                READ_CALL.id(), WRITE_CALL.id()));
        charts.add(CounterChart.of(chart(s, "vfs_io_bytes", "Bytes written and read", "bytes/s", 2075, READ, WRITE),
                READ_BYTES.id(), WRITE_BYTES.id()));
        charts.add(one(s, "vfs_fsync", "Calls to vfs_fsync.", "calls/s", 2076, "vfs_fsync", "fsync", FSYNC_CALL));
        charts.add(one(s, "vfs_open", "Calls to vfs_open.", "calls/s", 2078, "vfs_open", "open", OPEN_CALL));
        charts.add(one(s, "vfs_create", "Calls to vfs_create.", "calls/s", 2080, "vfs_create", "create", CREATE_CALL));
        if (s.loadMode() == LoadMode.RETURN) {
            charts.add(CounterChart.of(chart(s, "vfs_io_error", "Fails to write or read", "calls/s", 2077,
                    READ.times(1), WRITE.times(1)), READ_ERR.id(), WRITE_ERR.id()));
            charts.add(one(s, "vfs_fsync_error", "Fails to synchronize", "calls/s", 2077, "vfs_fsync", "fsync", FSYNC_ERR));
            charts.add(one(s, "vfs_open_error", "Fails to open a file", "calls/s", 2079, "vfs_open", "open", OPEN_ERR));
            charts.add(one(s, "vfs_create_error", "Fails to create a file.", "calls/s", 2081, "vfs_create", "create",
                    CREATE_ERR));
        }
        return charts;
    }

    private static CounterChart one(ModuleSettings s, String id, String title, String units, int priority,
            String dimensionId, String dimensionName, VfsCounter counter) {
        return CounterChart.of(chart(s, id, title, units, priority,
                Dimension.incremental(dimensionId).named(dimensionName)), counter.id());
    }

    private static Chart chart(ModuleSettings s, String id, String title, String units, int priority,
            Dimension... dimensions) {
        return Chart.builder("filesystem", id).title(title).units(units).family(FAMILY).context("filesystem." + id)
                .priority(priority).updateEvery(s.updateEvery()).module("vfs").dimensions(dimensions).build();
    }
}
