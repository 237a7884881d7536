// SPDX-License-Identifier: GPL-2.0
/*
 * oomkill module: oom:mark_victim, counted host-wide and for the victim's process.
 *
 * The victim is rarely the task the event runs in: the OOM killer runs in whichever task failed
 * to allocate and picks the process with the worst badness. So the victim's record is looked up,
 * never made from `current`. When the victim has no record yet (its kill is often the first thing
 * it is counted for), it gets one whose header is read from its own task_struct, where the
 * tracepoint passes it (kernels since 6.9). Older kernels pass only the victim's pid: if the victim
 * is `current`, its record is made as usual; otherwise the kill waits in `oomkill_pending` until
 * the victim's thread exits (it has SIGKILL pending) and is counted there, in its own context.
 */
#include "pid_record.bpf.h"
#include "modules/oomkill/oomkill.h"

char LICENSE[] SEC("license") = "GPL";

MODULE_SETTINGS(oomkill);
COUNTERS(oomkill_global, OOMKILL_COUNTERS);

/* Victims (thread ids) marked from another task's context whose kill waits for their exit. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u8);
} oomkill_pending SEC(".maps");

/* The event's layout since the victim's task_struct is its first argument (6.9). */
struct trace_event_raw_mark_victim___task {
	unsigned long total_vm;
} __attribute__((preserve_access_index));

static __always_inline void *victim_record(__u64 arg0)
{
	if (bpf_core_field_exists(struct trace_event_raw_mark_victim___task, total_vm)) {
		struct task_struct *victim = (struct task_struct *)arg0;
		void *rec = pid_record_of_task(victim);
		pid_record_mark_exit(rec, victim); /* a victim already gone is read once more, then dropped */
		return rec;
	}
	__u32 tid = (__u32)arg0;
	__u64 current = bpf_get_current_pid_tgid();
	if (tid == (__u32)current)
		return pid_record_current(current >> 32);
	void *rec = pid_record_of(tid); /* the victim is its group's leader */
	if (!rec) {
		__u8 one = 1;
		bpf_map_update_elem(&oomkill_pending, &tid, &one, BPF_ANY);
	}
	return rec;
}

static __always_inline int on_mark_victim(__u64 arg0)
{
	void *rec = oomkill_pid_offset ? victim_record(arg0) : NULL;
	count(counters_of(&oomkill_global), rec, oomkill_pid_offset, OOMKILL_KILLS, 1);
	return 0;
}

/* The first argument is the victim's task_struct (6.9+) or its pid: read untyped, told apart above. */
SEC("tp_btf/mark_victim")
int mark_victim_btf(__u64 *ctx)
{
	return on_mark_victim(ctx[0]);
}

SEC("raw_tp/mark_victim")
int mark_victim_raw(__u64 *ctx)
{
	return on_mark_victim(ctx[0]);
}

/* A pending victim's thread exits: its kill is counted in its own record, made now if need be. */
static __always_inline int on_exit(struct task_struct *task)
{
	__u64 current = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)current;
	if (!bpf_map_lookup_elem(&oomkill_pending, &tid))
		return 0;
	bpf_map_delete_elem(&oomkill_pending, &tid);
	void *rec = pid_record_current(current >> 32);
	pid_add(rec, oomkill_pid_offset, OOMKILL_KILLS, 1);
	pid_record_mark_exit(rec, task);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(oom_exit_btf, struct task_struct *task)
{
	return on_exit(task);
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(oom_exit_raw, struct task_struct *task)
{
	return on_exit(task);
}
