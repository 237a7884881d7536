/*
 * What the shared dispatcher (core/syscalls.bpf.c) hands to each syscall module's
 * <m>_on_syscall(): one syscall, on one side. The process and its record are looked up only when
 * a module asks, and once per event however many modules ask.
 */
#ifndef EBPFMON_SYSCALL_BPF_H
#define EBPFMON_SYSCALL_BPF_H

#include "ebpfmon.bpf.h"
#include "pid_record.bpf.h"
#include "syscall_arch.h"

#define O_CREAT_FLAG 0100
#define AT_REMOVEDIR_FLAG 0x200
#define CLONE_THREAD_FLAG 0x00010000

struct syscall_event {
	const struct pt_regs *regs; /* arguments, read only by handlers that need them */
	long id;
	long ret;                   /* MODE_RETURN side only */
	__u8 side;                  /* MODE_ENTRY or MODE_RETURN */
	__u8 btf;                   /* regs is a BTF pointer (tp_btf): arguments are direct loads */
	__u8 looked_up;             /* rec holds the lookup's result */
	__u8 counted;               /* some module counted in rec: the agent is told once, at the end */
	__u8 one_thread;            /* the process had one thread at the lookup (see syscall_count) */
	__u32 tgid;                 /* 0 until asked */
	void *rec;
};

static __always_inline __u32 event_tgid(struct syscall_event *e)
{
	if (!e->tgid)
		e->tgid = current_tgid();
	return e->tgid;
}

/*
 * Whether the calling process has one thread: two direct loads from the task, where the kernel has
 * bpf_get_current_task_btf (5.11 on) and the program is BTF-typed; otherwise "no", which is always
 * safe (locked adds).
 */
static __always_inline __u8 current_has_one_thread(const struct syscall_event *e)
{
	if (!e->btf || !bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_get_current_task_btf))
		return 0;
	struct task_struct *task = bpf_get_current_task_btf();
	return task->signal->nr_threads == 1;
}

/* The calling process's record; NULL when the table cannot take it (the host counts still count). */
static __always_inline void *event_record(struct syscall_event *e)
{
	if (!e->looked_up) {
		e->rec = pid_record_current(event_tgid(e));
		e->looked_up = 1;
		e->one_thread = pid_plain_adds && e->rec && current_has_one_thread(e);
	}
	return e->rec;
}

/*
 * Counts n on counter `id` of a syscall module: in the caller's record when the module counts per
 * process (`offset` set) and the process has a record, else in the module's host slot; never in
 * both. The agent adds what it reads of the records to the host slot's counts (RecordTotals), so a
 * syscall counted per process pays for one set of counters, not two: half the locked adds.
 *
 * In the record, a process with one thread counts with plain adds (6 ns less each on our machine,
 * BENCHMARKS.md) when the agent allows it (pid_plain_adds). Correct because a syscall module's
 * counters are written only here, by the threads of the record's own process, on their own
 * syscalls: with one thread there is one writer, whose events run one after another (a syscall's
 * programs never nest, and a preempted one is resumed by that same thread). And the kernel counts
 * a thread in signal->nr_threads from before it first runs (copy_process) until it is released,
 * after its last syscall: a process seen here with one thread has no other that could be writing,
 * and one that gains a thread does so by its own clone(), whose later events see two.
 */
static __always_inline void syscall_count(struct syscall_event *e, void *host_map, __u32 offset, __u32 id, __u64 n)
{
	void *rec = offset ? event_record(e) : NULL;
	if (rec) {
		pid_counter_add(rec, offset, id, n, e->one_thread);
		e->counted = 1;
	} else {
		counters_add(counters_of(host_map), id, n);
	}
}

/*
 * Tells the agent, once per event however many counters the modules added to (a read adds its
 * call and its bytes), that the caller's record changed.
 */
static __always_inline void syscall_counted(struct syscall_event *e)
{
	if (e->counted && e->rec)
		pid_record_changed(e->rec);
}

static __always_inline int failed(const struct syscall_event *e)
{
	return e->side == MODE_RETURN && e->ret < 0;
}

/* open-family flags: open(path, flags), openat(dfd, path, flags), openat2(dfd, path, how), creat */
static __always_inline __u64 open_flags(const struct syscall_event *e)
{
	__u64 flags = 0;
	switch (e->id) {
	case __NR_open:
		return SYSCALL_ARG(e, 1);
	case __NR_openat:
		return SYSCALL_ARG(e, 2);
	case __NR_openat2:
		/* struct open_how starts with the u64 flags */
		bpf_probe_read_user(&flags, sizeof(flags), (void *)SYSCALL_ARG(e, 2));
		return flags;
	default: /* creat */
		return O_CREAT_FLAG;
	}
}

#endif
