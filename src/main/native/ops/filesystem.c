/* File operations on DIR/<fs>/data for the filesystem module, whose scenario mounts an ext4, an
 * xfs and a btrfs filesystem at DIR/ext4, DIR/xfs and DIR/btrfs. Each syscall reaches the
 * filesystem's timed function exactly once: openat its file open, pwrite64 its write_iter, pread64
 * its read_iter, fsync its fsync. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "../workload.h"

#define CHUNK 4096

static int open_data(const char *fs, int flags)
{
	char name[64], path[4096];
	snprintf(name, sizeof(name), "%s/data", fs);
	path_of(path, sizeof(path), name, -1);
	int fd = open(path, flags, 0644);
	if (fd < 0)
		die("open DIR/<fs>/data");
	return fd;
}

static void fs_open(const char *fs, long n)
{
	for (long i = 0; i < n; i++)
		close(open_data(fs, O_CREAT | O_RDWR));
}

static void fs_write(const char *fs, long n)
{
	char buf[CHUNK];
	memset(buf, 'f', sizeof(buf));
	int fd = open_data(fs, O_RDWR);
	for (long i = 0; i < n; i++)
		if (pwrite(fd, buf, sizeof(buf), 0) != sizeof(buf))
			die("pwrite DIR/<fs>/data");
	close(fd);
}

static void fs_read(const char *fs, long n)
{
	char buf[CHUNK];
	int fd = open_data(fs, O_RDONLY);
	for (long i = 0; i < n; i++)
		if (pread(fd, buf, sizeof(buf), 0) < 0)
			die("pread DIR/<fs>/data");
	close(fd);
}

static void fs_fsync(const char *fs, long n)
{
	int fd = open_data(fs, O_RDWR);
	for (long i = 0; i < n; i++)
		if (fsync(fd) < 0)
			die("fsync DIR/<fs>/data");
	close(fd);
}

#define FS_OPS(fs)                                                                                         \
	static void op_##fs##_open(long n) { fs_open(#fs, n); }                                            \
	WORKLOAD_OP(#fs "-open", op_##fs##_open, "N x (openat(DIR/" #fs "/data, O_CREAT|O_RDWR) + close)"); \
	static void op_##fs##_write(long n) { fs_write(#fs, n); }                                          \
	WORKLOAD_OP(#fs "-write", op_##fs##_write, "openat(DIR/" #fs "/data, O_RDWR), N x pwrite64 of 4 KiB " \
		    "at 0, close (run " #fs "-open first)");                                              \
	static void op_##fs##_read(long n) { fs_read(#fs, n); }                                            \
	WORKLOAD_OP(#fs "-read", op_##fs##_read, "openat(DIR/" #fs "/data, O_RDONLY), N x pread64 of 4 KiB " \
		    "at 0, close (run " #fs "-open first)");                                              \
	static void op_##fs##_fsync(long n) { fs_fsync(#fs, n); }                                          \
	WORKLOAD_OP(#fs "-fsync", op_##fs##_fsync, "openat(DIR/" #fs "/data, O_RDWR), N x fsync, close "     \
		    "(run " #fs "-open first)")

FS_OPS(ext4);
FS_OPS(xfs);
FS_OPS(btrfs);
