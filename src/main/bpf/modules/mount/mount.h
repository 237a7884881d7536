/* mount module: counter ids, shared with Java (dev.ebpfmon.module.mount.MountCounter, same order). */
#ifndef EBPFMON_MOUNT_H
#define EBPFMON_MOUNT_H

enum mount_counter {
	MOUNT_MOUNT_CALL = 0,
	MOUNT_UMOUNT_CALL = 1,
	MOUNT_MOUNT_ERR = 2,
	MOUNT_UMOUNT_ERR = 3,
	MOUNT_COUNTERS = 4,
};

#endif
