/*
 * filesystem module: the layout of its counters, shared with Java (dev.ebpfmon.module.filesystem).
 * filesystem_global holds, per filesystem type and operation (a "slot": type * FS_OPS + op),
 * LOG2_BUCKETS latency counts (include/bits.bpf.h): counter (slot * LOG2_BUCKETS + bucket).
 */
#ifndef EBPFMON_FILESYSTEM_H
#define EBPFMON_FILESYSTEM_H

/* Netdata's order, which is also its charts' priority order. */
enum fs_type {
	FS_EXT4 = 0,
	FS_XFS = 1,
	FS_NFS = 2,
	FS_ZFS = 3,
	FS_BTRFS = 4,
	FS_TYPES = 5,
};

enum fs_op {
	FS_READ = 0,
	FS_WRITE = 1,
	FS_OPEN = 2,
	FS_SYNC = 3, /* nfs: getattr, Netdata's "attribute" chart */
	FS_OPS = 4,
};

/* Calls in flight whose start is kept (a thread is in at most a few at once). */
#define FS_IN_FLIGHT 10240

#endif
