/* fd module handlers (filesystem.file_descriptor, filesystem.file_error), served by the shared
 * syscall dispatcher. */
#ifndef EBPFMON_FD_BPF_H
#define EBPFMON_FD_BPF_H

#include "syscall.bpf.h"
#include "fd.h"

const volatile __u8 fd_mode = MODE_OFF;

COUNTER_ARRAY(fd_global, FD_COUNTERS);
PID_TABLE(fd_pid, struct fd_pid_counters);

static __always_inline void fd_count(const struct syscall_event *e, __u32 call, __u32 err)
{
	struct fd_pid_counters zero = {};
	__u64 *pid = pid_counters(&fd_pid, e->tgid, &zero);
	count(&fd_global, pid, call, 1);
	if (failed(e))
		count(&fd_global, pid, err, 1);
}

static __always_inline void fd_on_open(const struct syscall_event *e)
{
	if (fd_mode == e->side)
		fd_count(e, FD_OPEN_CALL, FD_OPEN_ERR);
}

static __always_inline void fd_on_close(const struct syscall_event *e)
{
	if (fd_mode == e->side)
		fd_count(e, FD_CLOSE_CALL, FD_CLOSE_ERR);
}

#endif
