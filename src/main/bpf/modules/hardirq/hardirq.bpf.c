// SPDX-License-Identifier: GPL-2.0
/*
 * hardirq module: time spent in hardware interrupt handlers, per device IRQ
 * (irq:irq_handler_entry/exit, once per action of the line) and per x86 system vector
 * (irq_vectors:*_entry/exit, those this kernel has: the agent attaches only those).
 *
 * These are the hottest events of all (the local timer alone fires hundreds of times a second per
 * CPU), so an event costs per-CPU slots and nothing per process. Handlers run with interrupts off
 * and do not nest, so one start per CPU is enough; the exit checks that the start is its own
 * handler's, which also drops the first exit after attach. Plain adds: only these programs write
 * a CPU's slots, with interrupts off.
 */
#include "ebpfmon.bpf.h"
#include "modules/hardirq/hardirq.h"

char LICENSE[] SEC("license") = "GPL";

/* What a start is for: a device IRQ number, or a vector with this bit set. */
#define VECTOR_KEY 0x80000000u

struct hardirq_start {
	__u64 ns;
	__u32 key;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct hardirq_start);
} hardirq_start SEC(".maps");

/* By IRQ number; an IRQ beyond the table is not counted (and shows as drift from /proc/interrupts). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, HARDIRQ_IRQS_DEFAULT);
	__type(key, __u32);
	__type(value, struct hardirq_total);
} hardirq_irqs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, HARDIRQ_VECTORS);
	__type(key, __u32);
	__type(value, struct hardirq_total);
} hardirq_vectors SEC(".maps");

static __always_inline int on_entry(__u32 key)
{
	__u32 zero = 0;
	struct hardirq_start *start = bpf_map_lookup_elem(&hardirq_start, &zero);
	if (start) {
		start->ns = bpf_ktime_get_ns();
		start->key = key;
	}
	return 0;
}

static __always_inline int on_exit(__u32 key, void *totals, __u32 index)
{
	__u64 now = bpf_ktime_get_ns();
	__u32 zero = 0;
	struct hardirq_start *start = bpf_map_lookup_elem(&hardirq_start, &zero);
	if (!start || !start->ns || start->key != key)
		return 0;
	struct hardirq_total *total = bpf_map_lookup_elem(totals, &index);
	if (total) {
		total->latency_ns += now - start->ns;
		total->events += 1;
	}
	start->ns = 0;
	return 0;
}

SEC("tp_btf/irq_handler_entry")
int BPF_PROG(irq_handler_entry_btf, int irq)
{
	return on_entry((__u32)irq & ~VECTOR_KEY);
}

SEC("raw_tp/irq_handler_entry")
int BPF_PROG(irq_handler_entry_raw, int irq)
{
	return on_entry((__u32)irq & ~VECTOR_KEY);
}

SEC("tp_btf/irq_handler_exit")
int BPF_PROG(irq_handler_exit_btf, int irq)
{
	return on_exit((__u32)irq & ~VECTOR_KEY, &hardirq_irqs, (__u32)irq);
}

SEC("raw_tp/irq_handler_exit")
int BPF_PROG(irq_handler_exit_raw, int irq)
{
	return on_exit((__u32)irq & ~VECTOR_KEY, &hardirq_irqs, (__u32)irq);
}

/* The four programs of one system vector: <event>_{entry,exit}_{btf,raw}. */
#define VECTOR_PROGRAMS(event, vector)                                        \
	SEC("tp_btf/" #event "_entry")                                        \
	int event##_entry_btf(void *ctx) { return on_entry(VECTOR_KEY | vector); } \
	SEC("raw_tp/" #event "_entry")                                        \
	int event##_entry_raw(void *ctx) { return on_entry(VECTOR_KEY | vector); } \
	SEC("tp_btf/" #event "_exit")                                         \
	int event##_exit_btf(void *ctx)                                       \
	{                                                                     \
		return on_exit(VECTOR_KEY | vector, &hardirq_vectors, vector); \
	}                                                                     \
	SEC("raw_tp/" #event "_exit")                                         \
	int event##_exit_raw(void *ctx)                                       \
	{                                                                     \
		return on_exit(VECTOR_KEY | vector, &hardirq_vectors, vector); \
	}

VECTOR_PROGRAMS(thermal_apic, HARDIRQ_APIC_THERMAL)
VECTOR_PROGRAMS(threshold_apic, HARDIRQ_APIC_THRESHOLD)
VECTOR_PROGRAMS(error_apic, HARDIRQ_APIC_ERROR)
VECTOR_PROGRAMS(deferred_error_apic, HARDIRQ_APIC_DEFERRED_ERROR)
VECTOR_PROGRAMS(spurious_apic, HARDIRQ_APIC_SPURIOUS)
VECTOR_PROGRAMS(call_function, HARDIRQ_FUNC_CALL)
VECTOR_PROGRAMS(call_function_single, HARDIRQ_FUNC_CALL_SINGLE)
VECTOR_PROGRAMS(reschedule, HARDIRQ_RESCHEDULE)
VECTOR_PROGRAMS(local_timer, HARDIRQ_LOCAL_TIMER)
VECTOR_PROGRAMS(irq_work, HARDIRQ_IRQ_WORK)
VECTOR_PROGRAMS(x86_platform_ipi, HARDIRQ_X86_PLATFORM_IPI)
