/* fd module: counter ids, shared with Java (dev.ebpfmon.module.fd.FdCounter, same order).
 * Host-wide counters are slots of `fd_global`; per-process ones are `__u64[FD_COUNTERS]` values
 * of `fd_pid` keyed by tgid. */
#ifndef EBPFMON_FD_H
#define EBPFMON_FD_H

enum fd_counter {
	FD_OPEN_CALL = 0,
	FD_OPEN_ERR = 1,
	FD_CLOSE_CALL = 2,
	FD_CLOSE_ERR = 3,
	FD_COUNTERS = 4,
};

struct fd_pid_counters {
	__u64 value[FD_COUNTERS];
};

_Static_assert(sizeof(struct fd_pid_counters) == 32, "fd per-PID value is 4 x u64");

#endif
