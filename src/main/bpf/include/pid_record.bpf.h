/* The per-process record (pid_record.h): lookup, creation and counting. */
#ifndef EBPFMON_PID_RECORD_BPF_H
#define EBPFMON_PID_RECORD_BPF_H

#include "ebpfmon.bpf.h"
#include "pid_record.h"

/*
 * The records, one slot each (entries: `pid table size`; bytes: the header plus the modules'
 * counters, both set by the agent). Mapped into the agent's memory: it reads records without a
 * system call.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, PID_TABLE_DEFAULT);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, PID_RECORD_MAX);
} pid_records SEC(".maps");

/* tgid -> its record's slot. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, PID_TABLE_DEFAULT);
	__type(key, __u32);
	__type(value, __u32);
} pid_slots SEC(".maps");

/*
 * Slots free to take, filled with every slot by the agent before anything is attached (slot 0 on
 * top); the agent gives a slot back, zeroed, once it has read a gone process's record for the last
 * time. A stack: a slot given back is the next one taken, so the slots ever used stay the lowest,
 * as many as the most processes that had a record at once, which is all the agent maps and walks.
 */
struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, PID_TABLE_DEFAULT);
	__uint(value_size, sizeof(__u32));
} pid_free_slots SEC(".maps");

/*
 * What happened to the table since load, per CPU (PID_TABLE_*): records created, processes refused
 * a record because every slot was taken (their per-process counts are lost), changes the change
 * ring had no room for (read late, at the agent's next walk of the whole table), slots taken.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__uint(value_size, PID_TABLE_EVENTS * sizeof(__u64));
} pid_table_events SEC(".maps");

/* The agent's tick, bumped before each collection (key 0). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} pid_tick_generation SEC(".maps");

/* Slots of the records changed in a tick; sized by the agent for the table (16 bytes a slot). */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} pid_changed SEC(".maps");

static __always_inline void pid_table_count(__u32 event)
{
	counters_add(counters_of(&pid_table_events), event, 1);
}

/*
 * Called after writing to a record (an event's counters, the exit mark, the header at exec): the
 * first change in a tick pushes the record's slot for the agent. After the writes, so that an agent
 * which bumped the tick after this read it either sees them or gets the slot again next tick.
 */
static __always_inline void pid_record_changed(void *rec)
{
	struct pid_header *h = rec;
	__u32 zero = 0;
	__u32 *tick = bpf_map_lookup_elem(&pid_tick_generation, &zero);
	if (!tick || h->generation == *tick || !h->tgid)
		return; /* a record not filled yet is pushed by its creator's own count */
	h->generation = *tick;
	__u32 slot = h->slot;
	/*
	 * No wake-up: the agent drains the ring at its tick and never waits on it. Without the flag the
	 * first push after each drain queues an irq_work to wake a reader that is not there (a self-IPI;
	 * on a virtual machine an exit to the hypervisor).
	 */
	if (bpf_ringbuf_output(&pid_changed, &slot, sizeof(slot), BPF_RB_NO_WAKEUP))
		pid_table_count(PID_TABLE_CHANGES_LOST);
}

/*
 * Called after plain writes to a record's header (the exit mark, the header at exec), in place of
 * pid_record_changed: a locked add first, which on x86 keeps every store before it ahead of every
 * load after it, so that the read of the tick cannot pass the writes. Without it, an agent that
 * bumped the tick and read the record in between could miss the write while this event saw the
 * old tick and did not push. A counter's own add is locked already.
 */
static __always_inline void pid_record_written(struct pid_header *h)
{
	__sync_fetch_and_add(&h->fences, 1);
	pid_record_changed(h);
}

/*
 * A direct-mapped cache in front of pid_slots: entry `tgid % PID_SLOT_CACHE_SIZE` holds the
 * {tgid, slot} last found there. The verifier inlines an array lookup, where a hash lookup is a
 * call that hashes the key (8-9 of the 25 ns a counted read() spent in the dispatcher beyond an
 * empty program on our machine; with the cache a read() costs 3-7 ns less: BENCHMARKS.md). An
 * entry is only a hint: it is used when the record in its slot still belongs to the tgid (a slot is
 * zeroed when released and gets its new owner's tgid when taken again), else pid_slots decides. As
 * big as the kernel's default pid_max, so that on such a host no two processes share an entry.
 */
#define PID_SLOT_CACHE_SIZE 32768
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, PID_SLOT_CACHE_SIZE);
	__type(key, __u32);
	__type(value, __u64); /* tgid << 32 | slot, written and read whole */
} pid_slot_cache SEC(".maps");

/* The record of process `tgid`, if it has one. */
static __always_inline void *pid_record_of(__u32 tgid)
{
	__u32 key = tgid % PID_SLOT_CACHE_SIZE;
	__u64 *cached = bpf_map_lookup_elem(&pid_slot_cache, &key);
	if (cached) {
		__u64 hint = *cached;
		__u32 hinted = (__u32)hint;
		if (hint >> 32 == tgid) {
			struct pid_header *h = bpf_map_lookup_elem(&pid_records, &hinted);
			if (h && h->tgid == tgid)
				return h;
		}
	}
	__u32 *slot = bpf_map_lookup_elem(&pid_slots, &tgid);
	if (!slot)
		return NULL;
	__u32 found = *slot;
	struct pid_header *h = bpf_map_lookup_elem(&pid_records, &found);
	if (h && cached && h->tgid == tgid)
		*cached = (__u64)tgid << 32 | found;
	return h;
}

/*
 * Gives `tgid` a record in a free slot unless it has one (another thread of the process may win
 * that race: then its record is ours too) and returns the record; *made says whether this call
 * created it, and so must fill its header. A slot comes zeroed but for its number.
 */
static __always_inline void *pid_record_insert(__u32 tgid, int *made)
{
	__u32 slot;
	*made = 0;
	if (bpf_map_pop_elem(&pid_free_slots, &slot)) {
		pid_table_count(PID_TABLE_REFUSED);
		return NULL;
	}
	pid_table_count(PID_TABLE_TAKEN);
	struct pid_header *h = bpf_map_lookup_elem(&pid_records, &slot);
	if (!h) /* a slot beyond the table: never handed out */
		return NULL;
	h->slot = slot;
	if (bpf_map_update_elem(&pid_slots, &tgid, &slot, BPF_NOEXIST)) {
		bpf_map_push_elem(&pid_free_slots, &slot, 0);
		return pid_record_of(tgid);
	}
	*made = 1;
	pid_table_count(PID_TABLE_CREATED);
	return h;
}

/* Name, parent and cgroup of the current process, as /proc/<tgid>/stat and cgroup would say. */
static __always_inline void pid_header_fill(struct pid_header *h)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	h->cgroup_id = bpf_get_current_cgroup_id();
	h->ppid = BPF_CORE_READ(task, real_parent, tgid);
	BPF_CORE_READ_STR_INTO(&h->comm, task, group_leader, comm);
	barrier(); /* the agent reads a slot once its tgid is set: the rest first */
	h->tgid = current_tgid();
}

/* The record of the current process `tgid`, created on its first counted event. */
static __always_inline void *pid_record_current(__u32 tgid)
{
	void *rec = pid_record_of(tgid);
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
		pid_record_written(h);
	}
}

/*
 * Set by the agent (before load) when it waits for an RCU grace period after starting each tick
 * (PidChanges): then a counter whose only writer is the calling thread may take a plain add (see
 * syscall_count), since the agent reads a record only once every event that saw the old tick has
 * ended, its writes visible; otherwise the locked add's full barrier is what orders an event's
 * writes before its read of the tick (pid_record_changed).
 */
const volatile __u8 pid_plain_adds = 0;

/*
 * Adds n to counter `id` of the module whose counters start at `offset`, without telling the agent:
 * the caller calls pid_record_changed() once it has counted all it counts. `sole_writer`: no other
 * task can write this counter meanwhile (see syscall_count), so a plain add does.
 */
static __always_inline void pid_counter_add(void *rec, __u32 offset, __u32 id, __u64 n, __u8 sole_writer)
{
	__u64 *counter = (__u64 *)(rec + offset) + id;
	if (sole_writer)
		*counter += n;
	else
		__sync_fetch_and_add(counter, n);
}

/* Adds n to counter `id` of the module whose counters start at `offset` (0: not counted per process). */
static __always_inline void pid_add(void *rec, __u32 offset, __u32 id, __u64 n)
{
	if (rec && offset) {
		pid_counter_add(rec, offset, id, n, 0);
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
	BPF_CORE_READ_STR_INTO(&h->comm, task, group_leader, comm);
	barrier();
	h->tgid = BPF_CORE_READ(task, tgid);
}

/*
 * The record of the process `task` belongs to, created with that task's own header if it has
 * none: only for a live task passed by the kernel (a freed one must not get a record again).
 */
static __always_inline void *pid_record_of_task(struct task_struct *task)
{
	__u32 tgid = BPF_CORE_READ(task, tgid);
	void *rec = pid_record_of(tgid);
	if (rec)
		return rec;
	int made;
	rec = pid_record_insert(tgid, &made);
	if (made && rec) /* the verifier cannot tell that made implies rec */
		pid_header_fill_task(rec, task);
	return rec;
}

#endif
