// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark's floor: an empty program, what any program on a hot tracepoint costs whatever it
 * does (~50 ns per event here, kernel-notes.md). Its section names no tracepoint: `ebpfmon bench`
 * opens this object once per attach point the agent really used (read from the agent's link fds)
 * and retargets the program with bpf_program__set_attach_target before load. Never used by the agent.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf")
int BPF_PROG(bench_floor)
{
	return 0;
}
