/*
 * The per-process record: what the kernel knows of one process (thread group), shared by every
 * module that counts per process. One LRU hash, keyed by tgid, holds a header and, after it, the
 * counters of each module that is read per application or per cgroup, at an offset the agent
 * assigns before load (`<m>_pid_offset`): one lookup per event serves every module, and the agent
 * reads everything about every process with one walk per tick.
 * Shared with Java (dev.ebpfmon.module.group.PidRecords).
 */
#ifndef EBPFMON_PID_RECORD_H
#define EBPFMON_PID_RECORD_H

/* Room for the header and every module's counters; the agent sets the size actually used. */
#define PID_RECORD_MAX 1024

/* The thread group leader exited: the agent reads the record one last time, then deletes it. */
#define PID_EXITED 1

struct pid_header {
	__u64 cgroup_id; /* cgroup v2 id (inode of the cgroup directory), at creation or last exec */
	__u32 ppid;      /* tgid of the parent */
	__u32 flags;     /* PID_EXITED */
	char comm[16];   /* the leader's name, at creation or last exec */
};

_Static_assert(sizeof(struct pid_header) == 32, "the record header is 32 bytes");

#endif
