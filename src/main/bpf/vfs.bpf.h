/* vfs module handlers (filesystem.vfs_*), served by the shared syscall dispatcher.
 * Bytes: in return mode the bytes really moved (the return value); in entry mode the bytes asked
 * for (the count argument, or the sum of the first VFS_MAX_IOVECS iovec lengths). */
#ifndef EBPFMON_VFS_BPF_H
#define EBPFMON_VFS_BPF_H

#include "syscall.bpf.h"
#include "vfs.h"

#define VFS_MAX_IOVECS 8

const volatile __u8 vfs_mode = MODE_OFF;

COUNTER_ARRAY(vfs_global, VFS_COUNTERS);
PID_TABLE(vfs_pid, struct vfs_pid_counters);

static __always_inline __u64 *vfs_pid_counters(const struct syscall_event *e)
{
	struct vfs_pid_counters zero = {};
	return pid_counters(&vfs_pid, e->tgid, &zero);
}

static __always_inline void vfs_count(const struct syscall_event *e, __u64 *pid, __u32 call, __u32 err)
{
	count(&vfs_global, pid, call, 1);
	if (failed(e))
		count(&vfs_global, pid, err, 1);
}

static __always_inline __u64 requested_iovec_bytes(const struct syscall_event *e)
{
	const struct iovec *iov = (const struct iovec *)SYSCALL_ARG1(e->regs);
	unsigned long n = SYSCALL_ARG2(e->regs);
	__u64 total = 0;
	for (int i = 0; i < VFS_MAX_IOVECS; i++) {
		struct iovec one;
		if (i >= n || bpf_probe_read_user(&one, sizeof(one), &iov[i]))
			break;
		total += one.iov_len;
	}
	return total;
}

static __always_inline __u64 requested_bytes(const struct syscall_event *e)
{
	switch (e->id) {
	case NR_read: case NR_write: case NR_pread64: case NR_pwrite64:
		return SYSCALL_ARG2(e->regs);
	default:
		return requested_iovec_bytes(e);
	}
}

/* read and write families, plain, positional and vectored */
static __always_inline void vfs_on_io(const struct syscall_event *e, __u32 call, __u32 bytes,
				      __u32 err)
{
	if (vfs_mode != e->side)
		return;
	__u64 *pid = vfs_pid_counters(e);
	count(&vfs_global, pid, call, 1);
	if (e->side == MODE_ENTRY)
		count(&vfs_global, pid, bytes, requested_bytes(e));
	else if (e->ret < 0)
		count(&vfs_global, pid, err, 1);
	else if (e->ret > 0)
		count(&vfs_global, pid, bytes, e->ret);
}

static __always_inline void vfs_on_read(const struct syscall_event *e)
{
	vfs_on_io(e, VFS_READ_CALL, VFS_READ_BYTES, VFS_READ_ERR);
}

static __always_inline void vfs_on_write(const struct syscall_event *e)
{
	vfs_on_io(e, VFS_WRITE_CALL, VFS_WRITE_BYTES, VFS_WRITE_ERR);
}

static __always_inline void vfs_on_open(const struct syscall_event *e)
{
	if (vfs_mode != e->side)
		return;
	/* one per-PID lookup for both counts of an O_CREAT open */
	__u64 *pid = vfs_pid_counters(e);
	vfs_count(e, pid, VFS_OPEN_CALL, VFS_OPEN_ERR);
	if (open_flags(e) & O_CREAT_FLAG)
		vfs_count(e, pid, VFS_CREATE_CALL, VFS_CREATE_ERR);
}

static __always_inline void vfs_on_unlink(const struct syscall_event *e)
{
	if (vfs_mode != e->side)
		return;
	/* unlinkat(dfd, path, AT_REMOVEDIR) removes a directory (vfs_rmdir), not a file */
	if (e->id == NR_unlinkat && (SYSCALL_ARG2(e->regs) & AT_REMOVEDIR_FLAG))
		return;
	vfs_count(e, vfs_pid_counters(e), VFS_UNLINK_CALL, VFS_UNLINK_ERR);
}

static __always_inline void vfs_on_fsync(const struct syscall_event *e)
{
	if (vfs_mode == e->side)
		vfs_count(e, vfs_pid_counters(e), VFS_FSYNC_CALL, VFS_FSYNC_ERR);
}

#endif
