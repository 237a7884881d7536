/*
 * mount module (mount_points.call, mount_points.error): mount(2) and umount2(2) calls (x86_64 has
 * no plain umount; the kernel's sys_umount that Netdata probes is umount2) and, in return mode,
 * their failures. The new mount API (fsopen, fsmount, move_mount, ...) has no place in Netdata's
 * charts and is not counted.
 */
#ifndef EBPFMON_MOUNT_SYSCALL_BPF_H
#define EBPFMON_MOUNT_SYSCALL_BPF_H

#include "syscall.bpf.h"
#include "modules/mount/mount.h"

MODULE_SETTINGS(mount);
COUNTERS(mount_global, MOUNT_COUNTERS);

static __always_inline void mount_count(struct syscall_event *e, __u32 call, __u32 err)
{
	syscall_count(e, &mount_global, mount_pid_offset, call, 1);
	if (failed(e))
		syscall_count(e, &mount_global, mount_pid_offset, err, 1);
}

static __always_inline void mount_on_syscall(struct syscall_event *e)
{
	if (mount_mode != e->side)
		return;
	switch (e->id) {
	case __NR_mount:
		mount_count(e, MOUNT_MOUNT_CALL, MOUNT_MOUNT_ERR);
		break;
	case __NR_umount2:
		mount_count(e, MOUNT_UMOUNT_CALL, MOUNT_UMOUNT_ERR);
		break;
	}
}

#endif
