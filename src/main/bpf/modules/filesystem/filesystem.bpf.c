// SPDX-License-Identifier: GPL-2.0
/*
 * filesystem module: the latency of each filesystem type's read, write, open and sync (nfs:
 * getattr) functions, by trampoline (fentry at the start, fexit at the return) or probe
 * (kprobe, kretprobe), as log2 histograms (filesystem.<fs>_<op>_latency). Every program is
 * written once per function; the sections name no function and the loader aims each at the one
 * the module chose (FilesystemModule), so only the filesystems this kernel has are loaded.
 */
#include "ebpfmon.bpf.h"
#include "bits.bpf.h"
#include "modules/filesystem/filesystem.h"

char LICENSE[] SEC("license") = "GPL";

COUNTERS(filesystem_global, FS_TYPES * FS_OPS * LOG2_BUCKETS);

/* A call in flight: the thread, and which function (a thread may be in two: a write that syncs). */
struct fs_call {
	__u64 pid_tgid;
	__u32 slot;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, FS_IN_FLIGHT);
	__type(key, struct fs_call);
	__type(value, __u64); /* when the call started, ns */
} fs_start SEC(".maps");

static __always_inline int fs_entry(__u32 slot)
{
	struct fs_call call = {.pid_tgid = bpf_get_current_pid_tgid(), .slot = slot};
	__u64 now = bpf_ktime_get_ns();
	bpf_map_update_elem(&fs_start, &call, &now, BPF_ANY);
	return 0;
}

static __always_inline int fs_exit(__u32 slot)
{
	struct fs_call call = {.pid_tgid = bpf_get_current_pid_tgid(), .slot = slot};
	__u64 *start = bpf_map_lookup_elem(&fs_start, &call);
	if (!start)
		return 0;
	__u64 latency = bpf_ktime_get_ns() - *start;
	bpf_map_delete_elem(&fs_start, &call);
	counters_add(counters_of(&filesystem_global), slot * LOG2_BUCKETS + latency_bucket(latency), 1);
	return 0;
}

/* The four programs of one function: fs_<fs>_<op>_entry/_exit (trampolines), _kprobe/_kretprobe. */
#define FS_FUNCTION(name, type, op)                                  \
	SEC("fentry")                                                \
	int BPF_PROG(fs_##name##_entry)                              \
	{                                                            \
		return fs_entry(type * FS_OPS + op);                 \
	}                                                            \
	SEC("fexit")                                                 \
	int BPF_PROG(fs_##name##_exit)                               \
	{                                                            \
		return fs_exit(type * FS_OPS + op);                  \
	}                                                            \
	SEC("kprobe")                                                \
	int BPF_KPROBE(fs_##name##_kprobe)                           \
	{                                                            \
		return fs_entry(type * FS_OPS + op);                 \
	}                                                            \
	SEC("kretprobe")                                             \
	int BPF_KRETPROBE(fs_##name##_kretprobe)                     \
	{                                                            \
		return fs_exit(type * FS_OPS + op);                  \
	}

FS_FUNCTION(ext4_read, FS_EXT4, FS_READ)
FS_FUNCTION(ext4_write, FS_EXT4, FS_WRITE)
FS_FUNCTION(ext4_open, FS_EXT4, FS_OPEN)
FS_FUNCTION(ext4_sync, FS_EXT4, FS_SYNC)
FS_FUNCTION(xfs_read, FS_XFS, FS_READ)
FS_FUNCTION(xfs_write, FS_XFS, FS_WRITE)
FS_FUNCTION(xfs_open, FS_XFS, FS_OPEN)
FS_FUNCTION(xfs_sync, FS_XFS, FS_SYNC)
FS_FUNCTION(nfs_read, FS_NFS, FS_READ)
FS_FUNCTION(nfs_write, FS_NFS, FS_WRITE)
FS_FUNCTION(nfs_open, FS_NFS, FS_OPEN)
FS_FUNCTION(nfs_open4, FS_NFS, FS_OPEN) /* NFSv4 opens: nfs4_file_open, into the same chart */
FS_FUNCTION(nfs_attr, FS_NFS, FS_SYNC) /* nfs_getattr */
FS_FUNCTION(zfs_read, FS_ZFS, FS_READ)
FS_FUNCTION(zfs_write, FS_ZFS, FS_WRITE)
FS_FUNCTION(zfs_open, FS_ZFS, FS_OPEN)
FS_FUNCTION(zfs_sync, FS_ZFS, FS_SYNC)
FS_FUNCTION(btrfs_read, FS_BTRFS, FS_READ)
FS_FUNCTION(btrfs_write, FS_BTRFS, FS_WRITE)
FS_FUNCTION(btrfs_open, FS_BTRFS, FS_OPEN)
FS_FUNCTION(btrfs_sync, FS_BTRFS, FS_SYNC)
