// SPDX-License-Identifier: GPL-2.0
/*
 * Upkeep of the per-process records (include/pid_record.h), attached whenever some module counts
 * per process: exec renames a process and usually moves it to its own cgroup (systemd, container
 * runtimes and shells move the child between fork and exec), so the header follows; the exit of
 * a process's last thread marks the record so that the agent reads it one last time and deletes
 * it. Records are created by the counting modules themselves, on a process's first counted event:
 * a process that never does anything counted costs nothing here.
 */
#include "pid_record.bpf.h"

char LICENSE[] SEC("license") = "GPL";

static __always_inline int on_exec(void)
{
	__u32 tgid = current_tgid();
	struct pid_header *h = pid_record_of(tgid);
	if (h) {
		pid_header_fill(h);
		pid_record_written(h);
	}
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

/*
 * A process is gone once its last thread exited: sched_process_exit runs in the exiting thread,
 * after do_exit has counted it out of signal->live. (Its release, sched_process_free, would be the
 * cleaner mark, but the kernel frees some tasks minutes after reaping them: measured on 6.18, 115
 * of 10,000 reaped children were not freed two minutes later.) The agent reads the record one more
 * tick after the mark, so a release that follows the exit closely is still counted.
 */
static __always_inline int on_exit(struct task_struct *task)
{
	__u32 tgid = BPF_CORE_READ(task, tgid);
	pid_record_mark_exit(pid_record_of(tgid), task);
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
