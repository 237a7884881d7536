/* The per-process record (pid_record.h): lookup, creation and counting. */
#ifndef EBPFMON_PID_RECORD_BPF_H
#define EBPFMON_PID_RECORD_BPF_H

#include "ebpfmon.bpf.h"
#include "pid_record.h"

/* Sized by the agent (entries: `pid table size`; bytes: the header plus the modules' counters). */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, PID_TABLE_DEFAULT);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, PID_RECORD_MAX);
} pid_records SEC(".maps");

/* A record's worth of zeros to create records from; never written. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, PID_RECORD_MAX);
} pid_record_zeros SEC(".maps");

/*
 * Records created since load, one per-CPU slot: with the agent's own count of the records it
 * deleted and the table's size, it tells how many records the LRU evicted (a table too small for
 * the machine's processes), which would otherwise be silent.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} pid_records_created SEC(".maps");

/* The agent's tick, bumped before each collection (key 0). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} pid_tick_generation SEC(".maps");

/* Tgids of the records changed in a tick; sized by the agent for the table (16 bytes a tgid). */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} pid_changed SEC(".maps");

/*
 * Changes the ring had no room for (per-CPU): the agent's full walk, every 30th tick, reads those
 * records; a growing count says the ring is too small for the machine's processes.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} pid_changes_lost SEC(".maps");

/*
 * Called after every write to a record (a counter, the exit mark, the header at exec): the first
 * change in a tick pushes the tgid for the agent. After the write, so that an agent which bumped
 * the tick after this read it either sees the write or gets the tgid again next tick.
 */
static __always_inline void pid_record_changed(void *rec)
{
	struct pid_header *h = rec;
	__u32 zero = 0;
	__u32 *tick = bpf_map_lookup_elem(&pid_tick_generation, &zero);
	if (!tick || h->generation == *tick || !h->tgid)
		return; /* a record not filled yet is pushed by its creator's own count */
	h->generation = *tick;
	__u32 tgid = h->tgid;
	if (bpf_ringbuf_output(&pid_changed, &tgid, sizeof(tgid), 0)) {
		__u64 *lost = bpf_map_lookup_elem(&pid_changes_lost, &zero);
		if (lost)
			__sync_fetch_and_add(lost, 1);
	}
}

/*
 * Puts a zeroed record for `tgid` in the table unless it has one (another thread of the process
 * may win that race: then its record is ours too) and returns the record; *made says whether
 * this call created it, and so must fill its header.
 */
static __always_inline void *pid_record_insert(__u32 tgid, int *made)
{
	__u32 zero = 0;
	void *zeros = bpf_map_lookup_elem(&pid_record_zeros, &zero);
	if (!zeros)
		return NULL;
	long created = bpf_map_update_elem(&pid_records, &tgid, zeros, BPF_NOEXIST);
	void *rec = bpf_map_lookup_elem(&pid_records, &tgid);
	*made = rec && created == 0;
	if (*made) {
		__u64 *n = bpf_map_lookup_elem(&pid_records_created, &zero);
		if (n)
			__sync_fetch_and_add(n, 1);
	}
	return rec;
}

/* Name, parent and cgroup of the current process, as /proc/<tgid>/stat and cgroup would say. */
static __always_inline void pid_header_fill(struct pid_header *h)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	h->cgroup_id = bpf_get_current_cgroup_id();
	h->ppid = BPF_CORE_READ(task, real_parent, tgid);
	h->tgid = current_tgid();
	BPF_CORE_READ_STR_INTO(&h->comm, task, group_leader, comm);
}

/* The record of the current process `tgid`, created on its first counted event. */
static __always_inline void *pid_record_current(__u32 tgid)
{
	void *rec = bpf_map_lookup_elem(&pid_records, &tgid);
	if (rec)
		return rec;
	int made;
	rec = pid_record_insert(tgid, &made);
	if (made && rec) /* the verifier cannot tell that made implies rec */
		pid_header_fill(rec);
	return rec;
}

/*
 * Marks the record of a process whose last thread is exiting (called from sched_process_exit, in
 * that thread: do_exit has already counted it out of signal->live).
 */
static __always_inline void pid_record_mark_exit(struct pid_header *h, struct task_struct *task)
{
	if (h && BPF_CORE_READ(task, signal, live.counter) == 0) {
		h->flags |= PID_EXITED; /* only the group's last exit writes flags */
		pid_record_changed(h);
	}
}

/* Adds n to counter `id` of the module whose counters start at `offset` (0: not counted per process). */
static __always_inline void pid_add(void *rec, __u32 offset, __u32 id, __u64 n)
{
	if (rec && offset) {
		__sync_fetch_and_add((__u64 *)(rec + offset) + id, n);
		pid_record_changed(rec);
	}
}

/* Adds n to counter `id` host-wide and, when counted per process, in the record. */
static __always_inline void count(__u64 *host, void *rec, __u32 offset, __u32 id, __u64 n)
{
	counters_add(host, id, n);
	pid_add(rec, offset, id, n);
}

/*
 * Name, parent and cgroup of the process `task` belongs to, read from its task_struct (what
 * pid_header_fill reads of `current`): for events one task sees about another, such as an OOM
 * victim marked by the task that ran out of memory.
 */
static __always_inline void pid_header_fill_task(struct pid_header *h, struct task_struct *task)
{
	h->cgroup_id = BPF_CORE_READ(task, cgroups, dfl_cgrp, kn, id);
	h->ppid = BPF_CORE_READ(task, real_parent, tgid);
	h->tgid = BPF_CORE_READ(task, tgid);
	BPF_CORE_READ_STR_INTO(&h->comm, task, group_leader, comm);
}

/*
 * The record of the process `task` belongs to, created with that task's own header if it has
 * none: only for a live task passed by the kernel (a freed one must not get a record again).
 */
static __always_inline void *pid_record_of_task(struct task_struct *task)
{
	__u32 tgid = BPF_CORE_READ(task, tgid);
	void *rec = bpf_map_lookup_elem(&pid_records, &tgid);
	if (rec)
		return rec;
	int made;
	rec = pid_record_insert(tgid, &made);
	if (made && rec) /* the verifier cannot tell that made implies rec */
		pid_header_fill_task(rec, task);
	return rec;
}

#endif
