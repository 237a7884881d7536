/* Helpers shared by every ebpfmon BPF object. */
#ifndef EBPFMON_BPF_H
#define EBPFMON_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "modes.h"

/* Default capacity of per-process tables; the agent sets `pid table size` before load. */
#define PID_TABLE_DEFAULT 32768

/*
 * A module's host-wide counters: one per-CPU slot holding all of them, so that an event costs one
 * (inlined) array lookup whatever it counts, and the agent reads the module with one syscall.
 */
#define COUNTERS(name, count)                               \
	struct {                                            \
		__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);    \
		__uint(max_entries, 1);                     \
		__type(key, __u32);                         \
		__type(value, __u64[count]);                \
	} name SEC(".maps")

/*
 * What the agent sets, per module, before load:
 *   <m>_mode        MODE_OFF, MODE_ENTRY or MODE_RETURN (include/modes.h); with MODE_OFF the
 *                   verifier prunes the module's code from every shared program;
 *   <m>_pid_offset  where the module's counters start in the per-process record
 *                   (include/pid_record.bpf.h); 0 when nobody reads them per process.
 */
#define MODULE_SETTINGS(m)                                  \
	const volatile __u8 m##_mode = MODE_OFF;            \
	const volatile __u32 m##_pid_offset = 0

/*
 * Atomic even on per-CPU slots: syscall tracepoints run preemptible on recent kernels (and on
 * PREEMPT_RT), so two tasks may update one CPU's slot in turn mid-update.
 */
static __always_inline void counters_add(__u64 *counters, __u32 id, __u64 n)
{
	if (counters)
		__sync_fetch_and_add(&counters[id], n);
}

static __always_inline __u64 *counters_of(void *map)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(map, &zero);
}

static __always_inline __u32 current_tgid(void)
{
	return bpf_get_current_pid_tgid() >> 32;
}

#endif
