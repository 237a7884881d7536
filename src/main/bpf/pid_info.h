/* What the kernel knows of each process for grouping it by application and cgroup, kept by the
 * process object (fork, exec, exit) when the agent needs it (apps or cgroups charts). Shared with
 * Java (dev.ebpfmon.module.PidInfoTable). Short-lived processes that /proc never shows are
 * grouped from this: their name after exec, their parent, their cgroup. */
#ifndef EBPFMON_PID_INFO_H
#define EBPFMON_PID_INFO_H

#define PID_INFO_EXITED 1

struct pid_info {
	__u64 cgroup_id; /* cgroup v2 id (inode of the cgroup directory) at fork or last exec */
	__u32 ppid;      /* tgid of the parent */
	__u32 flags;     /* PID_INFO_EXITED once the thread group leader exited */
	char comm[16];   /* process name after the last exec */
};

_Static_assert(sizeof(struct pid_info) == 32, "pid_info is 32 bytes");

#endif
