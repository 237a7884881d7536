// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark's floor: empty programs on the attach points the agent uses. What a program on a
 * hot tracepoint costs whatever it does (~50 ns per event here, kernel-notes.md); `ebpfmon bench`
 * attaches the same set of points as the configuration it compares with. Never used by the agent.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sys_enter")
int BPF_PROG(floor_sys_enter)
{
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_sys_exit)
{
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(floor_sched_process_fork)
{
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(floor_sched_process_exit)
{
	return 0;
}

SEC("tp_btf/sched_process_free")
int BPF_PROG(floor_sched_process_free)
{
	return 0;
}
