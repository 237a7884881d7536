package dev.ebpfmon.sink.top;

import java.util.List;

/**
 * One column of `ebpfmon top`: the per-second rate of a per-group chart, found by its id, which is
 * the same in its apps.*, cgroup_&lt;name&gt;.* and services.* layouts (Netdata's).
 */
public record TopColumn(String header, String chartId) {
    /** The main per-application metrics. */
    public static final List<TopColumn> DEFAULT = List.of(
            new TopColumn("open/s", "file_open"),
            new TopColumn("close/s", "file_closed"),
            new TopColumn("read/s", "vfs_read_call"),
            new TopColumn("write/s", "vfs_write_call"),
            new TopColumn("rd B/s", "vfs_read_bytes"),
            new TopColumn("wr B/s", "vfs_write_bytes"),
            new TopColumn("fork/s", "process_create"),
            new TopColumn("exit/s", "task_exit"));
}
