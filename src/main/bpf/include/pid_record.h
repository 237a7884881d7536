/*
 * The per-process record: what the kernel knows of one process (thread group), shared by every
 * module that counts per process. A slot of one array, found through a hash keyed by tgid, holds a
 * header and, after it, the counters of each module that is read per application or per cgroup,
 * at an offset the agent assigns before load (`<m>_pid_offset`): one lookup per event serves every
 * module, and the agent reads the records that changed each tick straight from its own mapping of
 * the array (see pid_header).
 * Shared with Java (dev.ebpfmon.module.group.PidRecords).
 */
#ifndef EBPFMON_PID_RECORD_H
#define EBPFMON_PID_RECORD_H

/* Room for the header and every module's counters; the agent sets the size actually used. */
#define PID_RECORD_MAX 1024

/* The thread group's last thread exited: the agent reads the record one more time, then releases its slot. */
#define PID_EXITED 1

/*
 * A record is read by the agent when it changed: the first write to it in a tick (a tick is a
 * value of pid_tick_generation, which the agent bumps before each collection) sets its
 * `generation` to the tick's and pushes its slot to the pid_changed ring. The agent reads the
 * slots of the ring and only their records, and the whole table every 30th tick.
 */
struct pid_header {
	__u64 cgroup_id;  /* cgroup v2 id (inode of the cgroup directory), at creation or last exec */
	__u32 ppid;       /* tgid of the parent */
	__u32 flags;      /* PID_EXITED */
	char comm[16];    /* the leader's name, at creation or last exec */
	__u32 tgid;       /* the process; 0 until the header is filled, and in a free slot */
	__u32 generation; /* the tick of the last change pushed to the ring */
	__u32 slot;       /* where the record is in pid_records */
	__u32 fences;     /* locked adds after plain writes to the header (pid_record_written) */
};

_Static_assert(sizeof(struct pid_header) == 48, "the record header is 48 bytes");

/*
 * pid_table_events, per CPU: records created, processes refused a record (no slot free), changes
 * lost, and slots taken from the free slots (a slot taken by a thread that lost the race to create
 * its process's record goes back: slots are taken lowest first, so none at or beyond the number of
 * slots taken was ever used).
 */
#define PID_TABLE_CREATED 0
#define PID_TABLE_REFUSED 1
#define PID_TABLE_CHANGES_LOST 2
#define PID_TABLE_TAKEN 3
#define PID_TABLE_EVENTS 4

#endif
