/* process module, syscall side: failed task creation (system.task_error), return mode only. */
#ifndef EBPFMON_PROCESS_SYSCALL_BPF_H
#define EBPFMON_PROCESS_SYSCALL_BPF_H

#include "syscall.bpf.h"
#include "modules/process/process_maps.bpf.h"

static __always_inline __u64 clone_flags(struct syscall_event *e)
{
	__u64 flags = 0;
	if (e->id == __NR_clone)
		return SYSCALL_ARG(e, 0);
	if (e->id == __NR_clone3) /* struct clone_args starts with the u64 flags */
		bpf_probe_read_user(&flags, sizeof(flags), (void *)SYSCALL_ARG(e, 0));
	return flags;
}

static __always_inline void process_on_syscall(struct syscall_event *e)
{
	/* only the return side knows of failures; on entry the scheduler's tracepoints count */
	if (process_mode != MODE_RETURN || e->side != MODE_RETURN || e->ret >= 0)
		return;
	switch (e->id) {
	case __NR_clone: case __NR_clone3: case __NR_fork: case __NR_vfork: {
		__u32 id = clone_flags(e) & CLONE_THREAD_FLAG ? THREAD_ERR : PROCESS_ERR;
		count(counters_of(&process_global), process_pid_offset ? event_record(e) : NULL,
		      process_pid_offset, id, 1);
		break;
	}
	}
}

#endif
