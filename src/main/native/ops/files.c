/* File operations: what the fd and vfs modules count. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include "../workload.h"

static void op_open(long n)
{
	char path[4096];
	for (long i = 0; i < n; i++) {
		path_of(path, sizeof(path), "f", i);
		int fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd < 0)
			die("open");
		close(fd);
	}
}
WORKLOAD_OP("open", op_open, "N x (openat(DIR/f<i>, O_CREAT|O_WRONLY) + close)");

static void op_fail_open(long n)
{
	char path[4096];
	for (long i = 0; i < n; i++) {
		path_of(path, sizeof(path), "missing", i);
		if (open(path, O_RDONLY) >= 0 || errno != ENOENT)
			die("fail-open: the file exists");
	}
}
WORKLOAD_OP("fail-open", op_fail_open, "N x openat(DIR/missing<i>, O_RDONLY) failing with ENOENT");

static void op_close_bad(long n)
{
	for (long i = 0; i < n; i++)
		if (close(-1) == 0)
			die("close(-1) succeeded");
}
WORKLOAD_OP("close-bad", op_close_bad, "N x close(-1) failing with EBADF");

/* Moves `total` bytes in three calls: plain, positional, vectored (two iovecs). */
static void transfer(long total, int writing)
{
	char path[4096];
	path_of(path, sizeof(path), "data", -1);
	int fd = writing ? open(path, O_CREAT | O_RDWR | O_TRUNC, 0644) : open(path, O_RDONLY);
	if (fd < 0)
		die("open data");
	char *buf = malloc(total > 0 ? total : 1);
	if (!buf)
		die("malloc");
	memset(buf, 'e', total);
	long a = total / 3, b = total / 3, c = total - a - b;
	long done;
	if (writing) {
		done = write(fd, buf, a);
		done += pwrite(fd, buf, b, a);
	} else {
		done = read(fd, buf, a);
		done += pread(fd, buf, b, a);
	}
	if (lseek(fd, a + b, SEEK_SET) < 0)
		die("lseek");
	struct iovec iov[2] = {{buf, c / 2}, {buf + c / 2, c - c / 2}};
	done += writing ? writev(fd, iov, 2) : readv(fd, iov, 2);
	if (done != total) {
		fprintf(stderr, "transfer: moved %ld of %ld bytes\n", done, total);
		exit(2);
	}
	free(buf);
	close(fd);
}

static void op_write(long bytes)
{
	transfer(bytes, 1);
}
WORKLOAD_OP("write", op_write, "openat(DIR/data, O_CREAT|O_RDWR|O_TRUNC), write + pwrite64 + lseek + writev "
	    "(2 iovecs) carrying B bytes in all, close");

static void op_read(long bytes)
{
	transfer(bytes, 0);
}
WORKLOAD_OP("read", op_read, "openat(DIR/data, O_RDONLY), read + pread64 + lseek + readv (2 iovecs) of B bytes "
	    "in all, close (run write:B first)");

static void op_bad_read(long n)
{
	char c = 0;
	for (long i = 0; i < n; i++)
		if (read(-1, &c, 1) >= 0)
			die("bad-read succeeded");
}
WORKLOAD_OP("bad-read", op_bad_read, "N x read(-1) failing with EBADF");

static void op_bad_write(long n)
{
	char c = 0;
	for (long i = 0; i < n; i++)
		if (write(-1, &c, 1) >= 0)
			die("bad-write succeeded");
}
WORKLOAD_OP("bad-write", op_bad_write, "N x write(-1) failing with EBADF");

static void op_unlink(long n)
{
	char path[4096];
	for (long i = 0; i < n; i++) {
		path_of(path, sizeof(path), "f", i);
		if (unlink(path) < 0)
			die("unlink");
	}
}
WORKLOAD_OP("unlink", op_unlink, "N x unlink(DIR/f<i>) (run open:N first)");

static void op_fsync(long n)
{
	char path[4096];
	path_of(path, sizeof(path), "data", -1);
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		die("open data");
	for (long i = 0; i < n; i++)
		if (fsync(fd) < 0)
			die("fsync");
	close(fd);
}
WORKLOAD_OP("fsync", op_fsync, "openat(DIR/data, O_WRONLY), N x fsync, close");
