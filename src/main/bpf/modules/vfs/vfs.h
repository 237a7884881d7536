/* vfs module: counter ids, shared with Java (dev.ebpfmon.module.vfs.VfsCounter, same order). */
#ifndef EBPFMON_VFS_H
#define EBPFMON_VFS_H

enum vfs_counter {
	VFS_READ_CALL = 0,
	VFS_READ_BYTES = 1,
	VFS_READ_ERR = 2,
	VFS_WRITE_CALL = 3,
	VFS_WRITE_BYTES = 4,
	VFS_WRITE_ERR = 5,
	VFS_UNLINK_CALL = 6,
	VFS_UNLINK_ERR = 7,
	VFS_FSYNC_CALL = 8,
	VFS_FSYNC_ERR = 9,
	VFS_OPEN_CALL = 10,
	VFS_OPEN_ERR = 11,
	VFS_CREATE_CALL = 12,
	VFS_CREATE_ERR = 13,
	VFS_COUNTERS = 14,
};

#endif
