/* Mounts and umounts: what the mount module counts (needs CAP_SYS_ADMIN). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../workload.h"

/* The new mount API's constants (linux/mount.h), which glibc's sys/mount.h may lack. */
#define FSCONFIG_CMD_CREATE_ 6
#define MOVE_MOUNT_F_EMPTY_PATH_ 0x00000004

static void mount_point(char *path, size_t size)
{
	path_of(path, size, "mnt", -1);
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		die("mkdir mnt");
}

static void op_mount_tmpfs(long n)
{
	char path[4096];
	mount_point(path, sizeof(path));
	for (long i = 0; i < n; i++) {
		if (mount("ebpfmon", path, "tmpfs", 0, "size=64k") < 0)
			die("mount tmpfs");
		if (umount2(path, 0) < 0)
			die("umount2");
	}
	rmdir(path);
}
WORKLOAD_OP("mount-tmpfs", op_mount_tmpfs, "mkdir(DIR/mnt), N x (mount(tmpfs on DIR/mnt) + umount2(DIR/mnt)), rmdir");

static void op_mount_fail(long n)
{
	char path[4096];
	path_of(path, sizeof(path), "missing-mnt", -1);
	for (long i = 0; i < n; i++)
		if (mount("ebpfmon", path, "tmpfs", 0, NULL) == 0 || errno != ENOENT)
			die("mount-fail: mounting on a missing directory did not fail with ENOENT");
}
WORKLOAD_OP("mount-fail", op_mount_fail, "N x mount(tmpfs on DIR/missing-mnt) failing with ENOENT");

static void op_umount_fail(long n)
{
	for (long i = 0; i < n; i++)
		if (umount2(workload_dir, 0) == 0 || errno != EINVAL)
			die("umount-fail: unmounting DIR (no mount point) did not fail with EINVAL");
}
WORKLOAD_OP("umount-fail", op_umount_fail, "N x umount2(DIR) failing with EINVAL (DIR is no mount point)");

static void op_fsmount_tmpfs(long n)
{
	char path[4096];
	mount_point(path, sizeof(path));
	for (long i = 0; i < n; i++) {
		int fs = syscall(SYS_fsopen, "tmpfs", 0);
		if (fs < 0)
			die("fsopen");
		if (syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE_, NULL, NULL, 0) < 0)
			die("fsconfig");
		int mnt = syscall(SYS_fsmount, fs, 0, 0);
		if (mnt < 0)
			die("fsmount");
		if (syscall(SYS_move_mount, mnt, "", AT_FDCWD, path, MOVE_MOUNT_F_EMPTY_PATH_) < 0)
			die("move_mount");
		close(mnt);
		close(fs);
		if (umount2(path, 0) < 0)
			die("umount2");
	}
	rmdir(path);
}
WORKLOAD_OP("fsmount-tmpfs", op_fsmount_tmpfs, "mkdir(DIR/mnt), N x (fsopen(tmpfs) + fsconfig(CREATE) + fsmount + "
	    "move_mount(to DIR/mnt) + 2 close + umount2(DIR/mnt)), rmdir: the new mount API");
