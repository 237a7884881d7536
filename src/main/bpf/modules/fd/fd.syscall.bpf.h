/* fd module (filesystem.file_descriptor, filesystem.file_error): open-family and close calls. */
#ifndef EBPFMON_FD_SYSCALL_BPF_H
#define EBPFMON_FD_SYSCALL_BPF_H

#include "syscall.bpf.h"
#include "modules/fd/fd.h"

MODULE_SETTINGS(fd);
COUNTERS(fd_global, FD_COUNTERS);

static __always_inline void fd_count(struct syscall_event *e, __u32 call, __u32 err)
{
	syscall_count(e, &fd_global, fd_pid_offset, call, 1);
	if (failed(e))
		syscall_count(e, &fd_global, fd_pid_offset, err, 1);
}

static __always_inline void fd_on_syscall(struct syscall_event *e)
{
	if (fd_mode != e->side)
		return;
	switch (e->id) {
	case __NR_open: case __NR_openat: case __NR_openat2: case __NR_creat:
		fd_count(e, FD_OPEN_CALL, FD_OPEN_ERR);
		break;
	case __NR_close:
		fd_count(e, FD_CLOSE_CALL, FD_CLOSE_ERR);
		break;
	}
}

#endif
