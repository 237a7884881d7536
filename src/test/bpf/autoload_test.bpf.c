// SPDX-License-Identifier: GPL-2.0
// Test object for autoload and attach failures: the fentry program is refused at load (EPERM) on
// kernels without trampolines, the kprobe program loads but cannot attach without CONFIG_KPROBES.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

static void hit(void)
{
	__u32 zero = 0;
	__u64 *v = bpf_map_lookup_elem(&hits, &zero);

	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("fentry/do_nanosleep")
int BPF_PROG(on_nanosleep_fentry)
{
	hit();
	return 0;
}

SEC("kprobe/do_nanosleep")
int BPF_KPROBE(on_nanosleep_kprobe)
{
	hit();
	return 0;
}

SEC("raw_tp/sys_enter")
int on_sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	hit();
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
