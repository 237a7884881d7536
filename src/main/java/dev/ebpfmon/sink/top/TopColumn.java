package dev.ebpfmon.sink.top;

import java.util.List;

/**
 * One column of `ebpfmon top`: the per-second rate of a per-group chart, found by its apps.* id
 * when rows are applications or processes, by its cgroup.* / services.* id when rows are cgroups.
 */
public record TopColumn(String header, String appsId, String cgroupId) {
    /** The main per-application metrics. */
    public static final List<TopColumn> DEFAULT = List.of(
            new TopColumn("open/s", "file_open", "fd_open"),
            new TopColumn("close/s", "file_closed", "fd_close"),
            new TopColumn("read/s", "vfs_read_call", "vfs_read"),
            new TopColumn("write/s", "vfs_write_call", "vfs_write"),
            new TopColumn("rd B/s", "vfs_read_bytes", "vfs_read_bytes"),
            new TopColumn("wr B/s", "vfs_write_bytes", "vfs_write_bytes"),
            new TopColumn("fork/s", "process_create", "process_create"),
            new TopColumn("exit/s", "task_exit", "task_exit"));
}
