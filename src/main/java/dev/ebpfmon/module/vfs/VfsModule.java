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

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.SyscallCounterModule;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * vfs: reads and writes (calls and bytes, every read/write-family syscall), unlink, fsync, open
 * and create, and in return mode their errors, through the shared dispatcher, with Netdata's charts.
 */
public final class VfsModule extends SyscallCounterModule {
    private static final String FAMILY = "vfs";
    private static final String GROUP_FAMILY = "vfs (eBPF)";
    private static final Dimension READ = Dimension.incremental("vfs_read").named("read");
    private static final Dimension WRITE = Dimension.incremental("vfs_write").named("write");
    private static final Dimension DELETE = Dimension.incremental("vfs_unlink").named("delete");
    private static final Dimension FSYNC = Dimension.incremental("vfs_fsync").named("fsync");
    private static final Dimension OPEN = Dimension.incremental("vfs_open").named("open");
    private static final Dimension CREATE = Dimension.incremental("vfs_create").named("create");

    public VfsModule() {
        super(ModuleInfo.of("vfs", 3, "VFS", true), VfsCounter.COUNT, true);
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext c) {
        List<CounterChart> charts = new ArrayList<>();
        charts.add(CounterChart.of(chart(c, "vfs_deleted_objects", "Remove files", "calls/s", 2150, DELETE),
                UNLINK_CALL.id()));
        charts.add(CounterChart.of(chart(c, "vfs_io", "Calls to IO", "calls/s", 2151, READ, WRITE),
                READ_CALL.id(), WRITE_CALL.id()));
        // as in Netdata, only the bytes chart draws writes below the axis
        charts.add(CounterChart.of(chart(c, "vfs_io_bytes", "Bytes written and read", "bytes/s", 2152, READ,
                WRITE.times(-1)), READ_BYTES.id(), WRITE_BYTES.id()));
        if (c.returnMode()) {
            charts.add(CounterChart.of(chart(c, "vfs_io_error", "Fails to write or read", "calls/s", 2153, READ,
                    WRITE), READ_ERR.id(), WRITE_ERR.id()));
        }
        charts.add(CounterChart.of(chart(c, "vfs_fsync", "Calls for <code>vfs_fsync</code>", "calls/s", 2154, FSYNC),
                FSYNC_CALL.id()));
        if (c.returnMode()) {
            charts.add(CounterChart.of(chart(c, "vfs_fsync_error", "Fails to synchronize", "calls/s", 2155, FSYNC),
                    FSYNC_ERR.id()));
        }
        charts.add(CounterChart.of(chart(c, "vfs_open", "Calls for <code>vfs_open</code>", "calls/s", 2156, OPEN),
                OPEN_CALL.id()));
        if (c.returnMode()) {
            charts.add(CounterChart.of(chart(c, "vfs_open_error", "Fails to open a file", "calls/s", 2157, OPEN),
                    OPEN_ERR.id()));
        }
        charts.add(CounterChart.of(chart(c, "vfs_create", "Calls for <code>vfs_create</code>", "calls/s", 2158,
                CREATE), CREATE_CALL.id()));
        if (c.returnMode()) {
            charts.add(CounterChart.of(chart(c, "vfs_create_error", "Fails to create a file.", "calls/s", 2159,
                    CREATE), CREATE_ERR.id()));
        }
        return charts;
    }

    private static Chart chart(ModuleContext c, String id, String title, String units, int priority,
            Dimension... dimensions) {
        return Chart.builder("filesystem", id).title(title).units(units).family(FAMILY).priority(priority)
                .updateEvery(c.updateEvery()).module("vfs").dimensions(dimensions).build();
    }

    @Override
    public List<GroupChart> groupCharts(ModuleContext context) {
        return List.of(
                group("file_deleted", "Files deleted", UNLINK_CALL, "vfs_unlink", 0, DELETE).build(),
                group("vfs_write_call", "Write to disk", WRITE_CALL, "vfs_write", 1, WRITE).build(),
                group("vfs_write_error", "Fails to write", WRITE_ERR, "vfs_write_error", 2, WRITE).returnOnly().build(),
                group("vfs_read_call", "Read from disk", READ_CALL, "vfs_read", 3, READ).build(),
                group("vfs_read_error", "Fails to read", READ_ERR, "vfs_read_error", 4, READ).returnOnly().build(),
                bytes(group("vfs_write_bytes", "Bytes written on disk", WRITE_BYTES, "vfs_write_bytes", 5, WRITE)),
                bytes(group("vfs_read_bytes", "Bytes read from disk", READ_BYTES, "vfs_read_bytes", 6, READ)),
                call(group("vfs_fsync", "Calls for <code>vfs_fsync</code>", FSYNC_CALL, "vfs_fsync", 7, FSYNC)),
                group("vfs_fsync_error", "Sync error", FSYNC_ERR, "vfs_fsync_error", 8, FSYNC).returnOnly().build(),
                call(group("vfs_open", "Calls for <code>vfs_open</code>", OPEN_CALL, "vfs_open", 9, OPEN)),
                group("vfs_open_error", "Open error", OPEN_ERR, "vfs_open_error", 10, OPEN).returnOnly().build(),
                call(group("vfs_create", "Calls for <code>vfs_create</code>", CREATE_CALL, "vfs_create", 11, CREATE)),
                group("vfs_create_error", "Create error", CREATE_ERR, "vfs_create_error", 12, CREATE).returnOnly()
                        .build());
    }

    /** The three layouts of one vfs counter; {@code units} calls/s unless {@link #bytes} says otherwise. */
    private record Group(String id, String title, VfsCounter counter, String context, int order, Dimension dimension,
            String units) {
        GroupChart.Builder builder() {
            return GroupChart.builder(id, title, units, GroupChart.Value.sum(counter.id()))
                    .apps(FAMILY, 20065 + order, Algorithm.INCREMENTAL)
                    .cgroup("cgroup." + context, GROUP_FAMILY, 45500 + order, ChartType.LINE, dimension)
                    .services("services." + context, GROUP_FAMILY, 20065 + order, ChartType.STACKED,
                            Algorithm.INCREMENTAL);
        }

        GroupChart.Builder returnOnly() {
            return builder().returnOnly();
        }

        GroupChart build() {
            return builder().build();
        }
    }

    private static Group group(String id, String title, VfsCounter counter, String context, int order,
            Dimension dimension) {
        return new Group(id, title, counter, context, order, dimension, "calls/s");
    }

    private static GroupChart bytes(Group g) {
        return new Group(g.id(), g.title(), g.counter(), g.context(), g.order(), g.dimension(), "bytes/s").build();
    }

    /** Netdata titles the services layout of the vfs_* call charts "Calls to", not "Calls for". */
    private static GroupChart call(Group g) {
        GroupChart.Builder b = g.builder();
        return b.services(g.title().replace("Calls for", "Calls to"), "services." + g.context(), GROUP_FAMILY,
                20065 + g.order(), ChartType.STACKED, Algorithm.INCREMENTAL).build();
    }
}
