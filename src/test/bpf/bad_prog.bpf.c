// SPDX-License-Identifier: GPL-2.0
// Test object the verifier must reject: a map value used without the NULL check. The key comes
// from the context because recent verifiers prove constant in-range array keys non-NULL. The
// unrolled loop makes the verifier log several KiB long, longer than libbpf's print callback
// formats on its first try.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} values SEC(".maps");

SEC("raw_tp/sys_enter")
int unchecked_lookup(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 acc = ctx->args[1];
	__u32 key;
	__u64 *v;

#pragma unroll
	for (int i = 0; i < 64; i++) {
		acc = acc * 31 + i;
		asm volatile("" : "+r"(acc)); /* keep clang from folding the loop */
	}
	key = (__u32)acc;
	v = bpf_map_lookup_elem(&values, &key);
	return *v; /* R0 may be NULL: rejected */
}

char LICENSE[] SEC("license") = "GPL";
