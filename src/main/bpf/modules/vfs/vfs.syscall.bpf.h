/*
 * vfs module (filesystem.vfs_*): reads and writes (calls and bytes), unlink, fsync, open and
 * create, at the syscalls that reach the VFS functions Netdata probes.
 * Bytes: in return mode the bytes really moved (the return value); in entry mode the bytes asked
 * for (the count argument, or the sum of the first VFS_MAX_IOVECS iovec lengths).
 */
#ifndef EBPFMON_VFS_SYSCALL_BPF_H
#define EBPFMON_VFS_SYSCALL_BPF_H

#include "syscall.bpf.h"
#include "modules/vfs/vfs.h"

#define VFS_MAX_IOVECS 8

MODULE_SETTINGS(vfs);
COUNTERS(vfs_global, VFS_COUNTERS);

static __always_inline void vfs_add(struct syscall_event *e, __u32 id, __u64 n)
{
	syscall_count(e, &vfs_global, vfs_pid_offset, id, n);
}

static __always_inline void vfs_count(struct syscall_event *e, __u32 call, __u32 err)
{
	vfs_add(e, call, 1);
	if (failed(e))
		vfs_add(e, err, 1);
}

static __always_inline __u64 requested_iovec_bytes(struct syscall_event *e)
{
	const struct iovec *iov = (const struct iovec *)SYSCALL_ARG(e, 1);
	unsigned long n = SYSCALL_ARG(e, 2);
	__u64 total = 0;
	for (int i = 0; i < VFS_MAX_IOVECS; i++) {
		struct iovec one;
		if (i >= n || bpf_probe_read_user(&one, sizeof(one), &iov[i]))
			break;
		total += one.iov_len;
	}
	return total;
}

static __always_inline __u64 requested_bytes(struct syscall_event *e)
{
	switch (e->id) {
	case __NR_read: case __NR_write: case __NR_pread64: case __NR_pwrite64:
		return SYSCALL_ARG(e, 2);
	default:
		return requested_iovec_bytes(e);
	}
}

/* read and write families, plain, positional and vectored */
static __always_inline void vfs_io(struct syscall_event *e, __u32 call, __u32 bytes, __u32 err)
{
	vfs_add(e, call, 1);
	if (e->side == MODE_ENTRY)
		vfs_add(e, bytes, requested_bytes(e));
	else if (e->ret < 0)
		vfs_add(e, err, 1);
	else if (e->ret > 0)
		vfs_add(e, bytes, e->ret);
}

static __always_inline void vfs_open(struct syscall_event *e)
{
	vfs_count(e, VFS_OPEN_CALL, VFS_OPEN_ERR);
	if (open_flags(e) & O_CREAT_FLAG)
		vfs_count(e, VFS_CREATE_CALL, VFS_CREATE_ERR);
}

static __always_inline void vfs_on_syscall(struct syscall_event *e)
{
	if (vfs_mode != e->side)
		return;
	switch (e->id) {
	case __NR_read: case __NR_pread64: case __NR_readv: case __NR_preadv: case __NR_preadv2:
		vfs_io(e, VFS_READ_CALL, VFS_READ_BYTES, VFS_READ_ERR);
		break;
	case __NR_write: case __NR_pwrite64: case __NR_writev: case __NR_pwritev: case __NR_pwritev2:
		vfs_io(e, VFS_WRITE_CALL, VFS_WRITE_BYTES, VFS_WRITE_ERR);
		break;
	case __NR_open: case __NR_openat: case __NR_openat2: case __NR_creat:
		vfs_open(e);
		break;
	case __NR_unlinkat:
		/* unlinkat(dfd, path, AT_REMOVEDIR) removes a directory (vfs_rmdir), not a file */
		if (SYSCALL_ARG(e, 2) & AT_REMOVEDIR_FLAG)
			break;
		/* fall through */
	case __NR_unlink:
		vfs_count(e, VFS_UNLINK_CALL, VFS_UNLINK_ERR);
		break;
	case __NR_fsync: case __NR_fdatasync:
		vfs_count(e, VFS_FSYNC_CALL, VFS_FSYNC_ERR);
		break;
	}
}

#endif
