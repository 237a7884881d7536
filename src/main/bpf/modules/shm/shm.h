/* shm module: counter ids, shared with Java (dev.ebpfmon.module.shm.ShmCounter, same order). */
#ifndef EBPFMON_SHM_H
#define EBPFMON_SHM_H

enum shm_counter {
	SHM_GET = 0,
	SHM_AT = 1,
	SHM_DT = 2,
	SHM_CTL = 3,
	SHM_COUNTERS = 4,
};

#endif
