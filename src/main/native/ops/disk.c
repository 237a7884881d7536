/* Block device I/O for the disk module: direct (O_DIRECT) 4 KiB requests to DIR/disk, which the
 * disk scenario makes a node of its own loop device. Each call is one block request: aligned,
 * one logical-block multiple, direct (no page cache, no readahead) and waited for before the next
 * (nothing to merge), and without O_SYNC (which would add a flush request after each write). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "../workload.h"

#define BLOCK 4096

static void direct_io(long n, int writing)
{
	char path[4096];
	path_of(path, sizeof(path), "disk", -1);
	int fd = open(path, (writing ? O_WRONLY : O_RDONLY) | O_DIRECT);
	if (fd < 0)
		die("open DIR/disk");
	void *buf = NULL;
	if (posix_memalign(&buf, BLOCK, BLOCK))
		die("posix_memalign");
	for (long i = 0; i < BLOCK; i++)
		((char *)buf)[i] = (char)i;
	for (long i = 0; i < n; i++) {
		ssize_t done = writing ? pwrite(fd, buf, BLOCK, i * BLOCK) : pread(fd, buf, BLOCK, i * BLOCK);
		if (done != BLOCK)
			die(writing ? "pwrite DIR/disk" : "pread DIR/disk");
	}
	free(buf);
	close(fd);
}

static void op_direct_write(long n)
{
	direct_io(n, 1);
}
WORKLOAD_OP("direct-write", op_direct_write, "openat(DIR/disk, O_WRONLY|O_DIRECT), N x pwrite64 of 4 KiB at "
	    "block i (one block request each), close");

static void op_direct_read(long n)
{
	direct_io(n, 0);
}
WORKLOAD_OP("direct-read", op_direct_read, "openat(DIR/disk, O_RDONLY|O_DIRECT), N x pread64 of 4 KiB at "
	    "block i (one block request each), close");
