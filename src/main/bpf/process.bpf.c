// SPDX-License-Identifier: GPL-2.0
/*
 * process module, scheduler side: task creation (system.process_thread), exit (system.exit) and
 * release (zombies reaped). Failed creations come from the syscall dispatcher (process_syscall).
 */
#include "process_maps.bpf.h"

char LICENSE[] SEC("license") = "GPL";

/* Creation is counted for the process that forks (current), as a process when the child leads a
 * new thread group, as a thread otherwise. */
static __always_inline int on_fork(int new_group)
{
	process_count(current_tgid(), new_group ? PROCESS_CREATE : THREAD_CREATE);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(fork_btf, struct task_struct *parent, struct task_struct *child)
{
	return on_fork(child->pid == child->tgid);
}

SEC("raw_tp/sched_process_fork")
int BPF_PROG(fork_raw, struct task_struct *parent, struct task_struct *child)
{
	return on_fork(BPF_CORE_READ(child, pid) == BPF_CORE_READ(child, tgid));
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(exit_btf, struct task_struct *task)
{
	process_count(task->tgid, TASK_EXIT);
	return 0;
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(exit_raw, struct task_struct *task)
{
	process_count(BPF_CORE_READ(task, tgid), TASK_EXIT);
	return 0;
}

/* sched_process_free runs once the reaped task is freed (after release_task). */
SEC("tp_btf/sched_process_free")
int BPF_PROG(free_btf, struct task_struct *task)
{
	process_count(task->tgid, TASK_RELEASE);
	return 0;
}

SEC("raw_tp/sched_process_free")
int BPF_PROG(free_raw, struct task_struct *task)
{
	process_count(BPF_CORE_READ(task, tgid), TASK_RELEASE);
	return 0;
}
