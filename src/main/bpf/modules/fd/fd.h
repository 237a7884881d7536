/* fd module: counter ids, shared with Java (dev.ebpfmon.module.fd.FdCounter, same order). */
#ifndef EBPFMON_FD_H
#define EBPFMON_FD_H

enum fd_counter {
	FD_OPEN_CALL = 0,
	FD_OPEN_ERR = 1,
	FD_CLOSE_CALL = 2,
	FD_CLOSE_ERR = 3,
	FD_COUNTERS = 4,
};

#endif
