/* sync module: counter ids, shared with Java (dev.ebpfmon.module.sync.SyncCounter, same order). */
#ifndef EBPFMON_SYNC_H
#define EBPFMON_SYNC_H

enum sync_counter {
	SYNC_SYNC = 0,
	SYNC_SYNCFS = 1,
	SYNC_FSYNC = 2,
	SYNC_FDATASYNC = 3,
	SYNC_MSYNC = 4,
	SYNC_SYNC_FILE_RANGE = 5,
	SYNC_COUNTERS = 6,
};

#endif
