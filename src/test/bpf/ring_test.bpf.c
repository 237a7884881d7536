// SPDX-License-Identifier: GPL-2.0
// Test object for dev.ebpfmon.bpf.BpfRingBuffer and MappedArray: a raw_tp program, driven by test
// runs, that writes its first argument to a one-page ring, or reserves a record and discards it;
// and an array made to be mapped, of 24-byte values (not a divisor of a page).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ring SEC(".maps");

struct mapped_value {
	__u64 a, b, c;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 10000);
	__type(key, __u32);
	__type(value, struct mapped_value);
} mapped SEC(".maps");

/* args[0]: the value; args[1]: 1 to reserve a record and discard it. Returns 0, or 1 when the ring is full. */
SEC("raw_tp/sys_enter")
int write_value(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 value = (__u32)ctx->args[0];
	__u32 *record;

	if (ctx->args[1]) {
		record = bpf_ringbuf_reserve(&ring, sizeof(value), 0);
		if (!record)
			return 1;
		*record = value;
		bpf_ringbuf_discard(record, 0);
		return 0;
	}
	return bpf_ringbuf_output(&ring, &value, sizeof(value), 0) ? 1 : 0;
}

char LICENSE[] SEC("license") = "GPL";
