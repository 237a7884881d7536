// SPDX-License-Identifier: GPL-2.0
/*
 * softirq module: time spent in each softirq vector (irq:softirq_entry/exit), and how often each
 * ran, for the comparison with /proc/softirqs.
 *
 * These fire tens of thousands of times a second on a busy host, so an event costs a per-CPU
 * slot and nothing per process. Softirqs do not nest on a CPU (a hardirq may interrupt one, but
 * runs no softirq before returning to it), so one start per CPU is enough; the exit checks that
 * the start is its own vector's, which also drops the first exit after attach.
 */
#include "ebpfmon.bpf.h"
#include "modules/softirq/softirq.h"

char LICENSE[] SEC("license") = "GPL";

struct softirq_start {
	__u64 ns;
	__u32 vector;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct softirq_start);
} softirq_start SEC(".maps");

COUNTERS(softirq_global, SOFTIRQ_COUNTERS);

static __always_inline int on_entry(__u32 vector)
{
	__u32 zero = 0;
	struct softirq_start *start = bpf_map_lookup_elem(&softirq_start, &zero);
	if (start) {
		start->ns = bpf_ktime_get_ns();
		start->vector = vector;
	}
	return 0;
}

/*
 * Plain adds, not atomics: only this program writes a CPU's slot, and softirqs on a CPU run one
 * at a time (with preemption off, or on PREEMPT_RT under the CPU's bottom-half lock).
 */
static __always_inline int on_exit(__u32 vector)
{
	__u64 now = bpf_ktime_get_ns();
	__u32 zero = 0;
	struct softirq_start *start = bpf_map_lookup_elem(&softirq_start, &zero);
	if (!start || !start->ns || start->vector != vector || vector >= SOFTIRQ_VECTORS)
		return 0;
	__u64 *counters = bpf_map_lookup_elem(&softirq_global, &zero);
	if (counters) {
		counters[SOFTIRQ_LATENCY + vector] += now - start->ns;
		counters[SOFTIRQ_EVENTS + vector] += 1;
	}
	start->ns = 0;
	return 0;
}

SEC("tp_btf/softirq_entry")
int BPF_PROG(softirq_entry_btf, unsigned int vector)
{
	return on_entry(vector);
}

SEC("raw_tp/softirq_entry")
int BPF_PROG(softirq_entry_raw, unsigned int vector)
{
	return on_entry(vector);
}

SEC("tp_btf/softirq_exit")
int BPF_PROG(softirq_exit_btf, unsigned int vector)
{
	return on_exit(vector);
}

SEC("raw_tp/softirq_exit")
int BPF_PROG(softirq_exit_raw, unsigned int vector)
{
	return on_exit(vector);
}
