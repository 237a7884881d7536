// SPDX-License-Identifier: GPL-2.0
/*
 * How many elements each BPF map holds, as the kernel counts them (kernels from 6.6 keep a per-CPU
 * count in every hash table): one row per map, read by the agent through an iterator. Counting a
 * table by walking it visits every bucket, locking each; this reads one counter per CPU per map.
 * A kernel without the kfunc refuses to load this object, and the agent walks the tables instead.
 */
#include "ebpfmon.bpf.h"

char LICENSE[] SEC("license") = "GPL";

extern s64 bpf_map_sum_elem_count(const struct bpf_map *map) __ksym;

/* One row of the output: the map's id and its elements (the agent reads the same layout). */
struct map_count {
	__u32 id;
	__u32 pad;
	__s64 elements;
};

SEC("iter/bpf_map")
int count_map_elements(struct bpf_iter__bpf_map *ctx)
{
	struct bpf_map *map = ctx->map;
	struct map_count row = {};

	if (!map)
		return 0;
	row.id = map->id;
	row.elements = bpf_map_sum_elem_count(map);
	bpf_seq_write(ctx->meta->seq, &row, sizeof(row));
	return 0;
}
