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
import dev.ebpfmon.module.GroupChart;
import java.util.ArrayList;
import java.util.List;

/** Netdata's host charts of the vfs module. */
final class VfsCharts {
    private static final String FAMILY = "vfs";
    private static final Dimension READ = Dimension.incremental("vfs_read").named("read");
    private static final Dimension WRITE = Dimension.incremental("vfs_write").named("write");

    private VfsCharts() {}

    static List<CounterChart> host(ModuleSettings s) {
        List<CounterChart> charts = new ArrayList<>();
        charts.add(one(s, "vfs_deleted_objects", "Remove files", "calls/s", 2150, "vfs_unlink", "delete", UNLINK_CALL));
        charts.add(CounterChart.of(chart(s, "vfs_io", "Calls to IO", "calls/s", 2151, READ, WRITE),
                READ_CALL.id(), WRITE_CALL.id()));
        // as in Netdata, only the bytes chart draws writes below the axis
        charts.add(CounterChart.of(chart(s, "vfs_io_bytes", "Bytes written and read", "bytes/s", 2152, READ,
                WRITE.times(-1)), READ_BYTES.id(), WRITE_BYTES.id()));
        charts.add(one(s, "vfs_fsync", "Calls to vfs_fsync.", "calls/s", 2154, "vfs_fsync", "fsync", FSYNC_CALL));
        charts.add(one(s, "vfs_open", "Calls to vfs_open.", "calls/s", 2156, "vfs_open", "open", OPEN_CALL));
        charts.add(one(s, "vfs_create", "Calls to vfs_create.", "calls/s", 2158, "vfs_create", "create", CREATE_CALL));
        if (s.loadMode() == LoadMode.RETURN) {
            charts.add(CounterChart.of(chart(s, "vfs_io_error", "Fails to write or read", "calls/s", 2153, READ, WRITE),
                    READ_ERR.id(), WRITE_ERR.id()));
            charts.add(one(s, "vfs_fsync_error", "Fails to synchronize", "calls/s", 2155, "vfs_fsync", "fsync", FSYNC_ERR));
            charts.add(one(s, "vfs_open_error", "Fails to open a file", "calls/s", 2157, "vfs_open", "open", OPEN_ERR));
            charts.add(one(s, "vfs_create_error", "Fails to create a file.", "calls/s", 2159, "vfs_create", "create",
                    CREATE_ERR));
        }
        return charts;
    }

    /** Netdata's apps.* and cgroup.* charts of the vfs module. */
    static List<GroupChart> groups() {
        return List.of(
                GroupChart.calls("file_deleted", "vfs_unlink", "Files deleted.", FAMILY, 20065, UNLINK_CALL.id()),
                GroupChart.calls("vfs_write_call", "vfs_write", "Write to disk.", FAMILY, 20066, WRITE_CALL.id()),
                GroupChart.calls("vfs_write_error", "vfs_write_error", "Fails to write.", FAMILY, 20067,
                        WRITE_ERR.id()).errors(),
                GroupChart.calls("vfs_read_call", "vfs_read", "Read from disk.", FAMILY, 20068, READ_CALL.id()),
                GroupChart.calls("vfs_read_error", "vfs_read_error", "Fails to read.", FAMILY, 20069, READ_ERR.id())
                        .errors(),
                GroupChart.calls("vfs_write_bytes", "vfs_write_bytes", "Bytes written on disk.", FAMILY, 20070,
                        WRITE_BYTES.id()).inUnits("bytes/s"),
                GroupChart.calls("vfs_read_bytes", "vfs_read_bytes", "Bytes read from disk.", FAMILY, 20071,
                        READ_BYTES.id()).inUnits("bytes/s"),
                GroupChart.calls("vfs_fsync", "vfs_fsync", "Calls to vfs_fsync.", FAMILY, 20072, FSYNC_CALL.id()),
                GroupChart.calls("vfs_fsync_error", "vfs_fsync_error", "Fails to sync.", FAMILY, 20073,
                        FSYNC_ERR.id()).errors(),
                GroupChart.calls("vfs_open", "vfs_open", "Calls to vfs_open.", FAMILY, 20074, OPEN_CALL.id()),
                GroupChart.calls("vfs_open_error", "vfs_open_error", "Fails to open a file.", FAMILY, 20075,
                        OPEN_ERR.id()).errors(),
                GroupChart.calls("vfs_create", "vfs_create", "Calls to vfs_create.", FAMILY, 20076, CREATE_CALL.id()),
                GroupChart.calls("vfs_create_error", "vfs_create_error", "Fails to create a file.", FAMILY, 20077,
                        CREATE_ERR.id()).errors());
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
