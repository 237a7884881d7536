/* Helpers shared by every ebpfmon BPF object. */
#ifndef EBPFMON_BPF_H
#define EBPFMON_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "modes.h"

/* Default capacity of per-PID tables; the agent resizes them to `pid table size` before load. */
#define PID_TABLE_DEFAULT 32768

/* A per-CPU array of u64 counters, one slot per counter id. */
#define COUNTER_ARRAY(name, count)                          \
	struct {                                            \
		__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);    \
		__uint(max_entries, count);                 \
		__type(key, __u32);                         \
		__type(value, __u64);                       \
	} name SEC(".maps")

/* Per-process (tgid) counters: an LRU hash so that a full table evicts the oldest entry
 * instead of refusing new processes. */
#define PID_TABLE(name, value_type)                         \
	struct {                                            \
		__uint(type, BPF_MAP_TYPE_LRU_HASH);        \
		__uint(max_entries, PID_TABLE_DEFAULT);     \
		__type(key, __u32);                         \
		__type(value, value_type);                  \
	} name SEC(".maps")

static __always_inline __u32 current_tgid(void)
{
	return bpf_get_current_pid_tgid() >> 32;
}

/* Atomic even on per-CPU slots: a program on sys_enter and one on sys_exit may touch the same
 * slot on one CPU, and syscall tracepoints run preemptible on recent kernels. */
static __always_inline void counter_add(void *counters, __u32 id, __u64 n)
{
	__u64 *slot = bpf_map_lookup_elem(counters, &id);
	if (slot)
		__sync_fetch_and_add(slot, n);
}

/* Returns the counters of `tgid`, creating a zeroed entry on first use. */
static __always_inline __u64 *pid_counters(void *table, __u32 tgid, const void *zero)
{
	__u64 *values = bpf_map_lookup_elem(table, &tgid);
	if (values)
		return values;
	bpf_map_update_elem(table, &tgid, zero, BPF_NOEXIST);
	return bpf_map_lookup_elem(table, &tgid);
}

/* Adds n to counter `id` host-wide and for the process (pid_values may be NULL when the table
 * could not take the process; the host-wide count is kept all the same). */
static __always_inline void count(void *counters, __u64 *pid_values, __u32 id, __u64 n)
{
	counter_add(counters, id, n);
	if (pid_values)
		__sync_fetch_and_add(&pid_values[id], n);
}

#endif
