// SPDX-License-Identifier: GPL-2.0
/*
 * Process lifecycle from the scheduler's tracepoints, for two users that the agent switches on
 * separately before load:
 * - the process module (count_tasks): task creation (system.process_thread), exit (system.exit)
 *   and release (zombies reaped); failed creations come from the syscall dispatcher;
 * - application and cgroup grouping (track_pids): pid_info, each process's name, parent and
 *   cgroup, kept at fork and exec so that even processes too short-lived for /proc are grouped.
 */
#include "process_maps.bpf.h"
#include "pid_info.h"

char LICENSE[] SEC("license") = "GPL";

const volatile __u8 count_tasks = 0;
const volatile __u8 track_pids = 0;

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, PID_TABLE_DEFAULT);
	__type(key, __u32);
	__type(value, struct pid_info);
} pid_info SEC(".maps");

/* Creation is counted for the process that forks (current), as a process when the child leads a
 * new thread group, as a thread otherwise. A new process starts with its parent's name and
 * cgroup: that is what fork gives it. */
static __always_inline int on_fork(__u32 child_pid, __u32 child_tgid)
{
	__u32 parent = current_tgid();
	int new_group = child_pid == child_tgid;
	if (count_tasks)
		process_count(parent, new_group ? PROCESS_CREATE : THREAD_CREATE);
	if (track_pids && new_group) {
		struct pid_info info = {.cgroup_id = bpf_get_current_cgroup_id(), .ppid = parent};
		bpf_get_current_comm(info.comm, sizeof(info.comm));
		bpf_map_update_elem(&pid_info, &child_tgid, &info, BPF_ANY);
	}
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

/* After exec the process has its own name, and has usually been placed in its cgroup (systemd,
 * container runtimes and shells move the child between fork and exec). */
static __always_inline int on_exec(void)
{
	if (!track_pids)
		return 0;
	__u32 tgid = current_tgid();
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct pid_info info = {
		.cgroup_id = bpf_get_current_cgroup_id(),
		.ppid = BPF_CORE_READ(task, real_parent, tgid),
	};
	bpf_get_current_comm(info.comm, sizeof(info.comm));
	bpf_map_update_elem(&pid_info, &tgid, &info, BPF_ANY);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(exec_btf)
{
	return on_exec();
}

SEC("raw_tp/sched_process_exec")
int BPF_PROG(exec_raw)
{
	return on_exec();
}

static __always_inline int on_exit(__u32 pid, __u32 tgid)
{
	if (count_tasks)
		process_count(tgid, TASK_EXIT);
	if (track_pids && pid == tgid) {
		struct pid_info *info = bpf_map_lookup_elem(&pid_info, &tgid);
		if (info)
			info->flags |= PID_INFO_EXITED;
	}
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(exit_btf, struct task_struct *task)
{
	return on_exit(task->pid, task->tgid);
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(exit_raw, struct task_struct *task)
{
	return on_exit(BPF_CORE_READ(task, pid), BPF_CORE_READ(task, tgid));
}

/* sched_process_free runs once the reaped task is freed (after release_task). */
SEC("tp_btf/sched_process_free")
int BPF_PROG(free_btf, struct task_struct *task)
{
	if (count_tasks)
		process_count(task->tgid, TASK_RELEASE);
	return 0;
}

SEC("raw_tp/sched_process_free")
int BPF_PROG(free_raw, struct task_struct *task)
{
	if (count_tasks)
		process_count(BPF_CORE_READ(task, tgid), TASK_RELEASE);
	return 0;
}
