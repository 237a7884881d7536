// SPDX-License-Identifier: GPL-2.0
// Test object for dev.ebpfmon.bpf: globals set from Java, the map kinds ebpfmon uses, a raw_tp
// program driven by test runs and a tp_btf program attached for real.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct pid_stat {
	__u64 calls;
	__u64 bytes;
};

const volatile __u32 target_tgid = 0;
const volatile __u8 small = 0;

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, struct pid_stat);
} pids SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct pid_stat);
} percpu SEC(".maps");

// slots: 0 target_tgid, 1 small, 2 args[0], 3 args[1], 4 sys_enter count of target_tgid
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} results SEC(".maps");

static void put(__u32 slot, __u64 value)
{
	bpf_map_update_elem(&results, &slot, &value, BPF_ANY);
}

SEC("raw_tp/sys_enter")
int copy_args(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 zero = 0;
	__u32 pid = (__u32)ctx->args[0];
	struct pid_stat init = { .calls = 1, .bytes = ctx->args[1] };
	struct pid_stat *stat;

	put(0, target_tgid);
	put(1, small);
	put(2, ctx->args[0]);
	put(3, ctx->args[1]);

	stat = bpf_map_lookup_elem(&percpu, &zero);
	if (stat) {
		stat->calls += 1;
		stat->bytes += ctx->args[1];
	}
	stat = bpf_map_lookup_elem(&pids, &pid);
	if (stat) {
		__sync_fetch_and_add(&stat->calls, 1);
		__sync_fetch_and_add(&stat->bytes, ctx->args[1]);
	} else {
		bpf_map_update_elem(&pids, &pid, &init, BPF_NOEXIST);
	}
	return 7;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(count_sys_enter, struct pt_regs *regs, long id)
{
	__u32 slot = 4;
	__u64 *count;

	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	count = bpf_map_lookup_elem(&results, &slot);
	if (count)
		__sync_fetch_and_add(count, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
