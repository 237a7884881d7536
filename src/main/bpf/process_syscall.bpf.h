/* process module, syscall side: failed task creation (system.task_error), return mode only. */
#ifndef EBPFMON_PROCESS_SYSCALL_BPF_H
#define EBPFMON_PROCESS_SYSCALL_BPF_H

#include "syscall.bpf.h"
#include "process_maps.bpf.h"

const volatile __u8 process_mode = MODE_OFF;

static __always_inline __u64 clone_flags(const struct syscall_event *e)
{
	__u64 flags = 0;
	if (e->id == NR_clone)
		return SYSCALL_ARG0(e->regs);
	if (e->id == NR_clone3) /* struct clone_args starts with the u64 flags */
		bpf_probe_read_user(&flags, sizeof(flags), (void *)SYSCALL_ARG0(e->regs));
	return flags;
}

static __always_inline void process_on_clone(const struct syscall_event *e)
{
	if (process_mode != MODE_RETURN || e->side != MODE_RETURN || e->ret >= 0)
		return;
	process_count(e->tgid, clone_flags(e) & CLONE_THREAD_FLAG ? THREAD_ERR : PROCESS_ERR);
}

#endif
