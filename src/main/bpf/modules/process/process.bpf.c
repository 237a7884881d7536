// SPDX-License-Identifier: GPL-2.0
/*
 * process module, scheduler side: task creation (system.process_thread), exit (system.exit) and
 * release once reaped (zombies); failed creations come from the syscall dispatcher
 * (process.syscall.bpf.h), on the same counters.
 */
#include "modules/process/process_maps.bpf.h"

char LICENSE[] SEC("license") = "GPL";

/* Counted for the process that forks (current): a process when the child leads a new thread
 * group, a thread otherwise. */
static __always_inline int on_fork(__u32 child_pid, __u32 child_tgid)
{
	__u32 id = child_pid == child_tgid ? PROCESS_CREATE : THREAD_CREATE;
	void *rec = process_pid_offset ? pid_record_current(current_tgid()) : NULL;
	count(counters_of(&process_global), rec, process_pid_offset, id, 1);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(fork_btf, struct task_struct *parent, struct task_struct *child)
{
	return on_fork(child->pid, child->tgid);
}

SEC("raw_tp/sched_process_fork")
int BPF_PROG(fork_raw, struct task_struct *parent, struct task_struct *child)
{
	return on_fork(BPF_CORE_READ(child, pid), BPF_CORE_READ(child, tgid));
}

/*
 * do_exit runs in the exiting task: current is the task that exits. A record made here (the
 * process's first counted event is its exit) is marked as the records' own upkeep would.
 */
static __always_inline int on_exit(struct task_struct *task)
{
	void *rec = process_pid_offset ? pid_record_current(current_tgid()) : NULL;
	count(counters_of(&process_global), rec, process_pid_offset, TASK_EXIT, 1);
	pid_record_mark_exit(rec, task);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(exit_btf, struct task_struct *task)
{
	return on_exit(task);
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(exit_raw, struct task_struct *task)
{
	return on_exit(task);
}

/* Runs in an RCU callback, not in the task: the record is looked up, never created. */
static __always_inline int on_free(__u32 tgid)
{
	void *rec = process_pid_offset ? pid_record_of(tgid) : NULL;
	count(counters_of(&process_global), rec, process_pid_offset, TASK_RELEASE, 1);
	return 0;
}

SEC("tp_btf/sched_process_free")
int BPF_PROG(free_btf, struct task_struct *task)
{
	return on_free(task->tgid);
}

SEC("raw_tp/sched_process_free")
int BPF_PROG(free_raw, struct task_struct *task)
{
	return on_free(BPF_CORE_READ(task, tgid));
}
