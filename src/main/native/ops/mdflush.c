/* Appends and fdatasync for the mdflush module, whose scenario mounts an ext4 filesystem without a
 * journal, on an md RAID1 device, at DIR. There an fdatasync ends in exactly one flush request to
 * the device (ext4_sync_file's blkdev_issue_flush), which md takes in md_flush_request(), provided
 * the file changed since the last one: from 5.7 to 6.5 ext4 skips the flush when nothing is dirty
 * (6.6 flushes anyway). Hence a 4 KiB append before each. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "../workload.h"

#define CHUNK 4096

static void op_append_fdatasync(long n)
{
	char path[4096], buf[CHUNK];
	memset(buf, 'm', sizeof(buf));
	path_of(path, sizeof(path), "data", -1);
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0)
		die("open DIR/data");
	for (long i = 0; i < n; i++) {
		if (pwrite(fd, buf, sizeof(buf), i * CHUNK) != sizeof(buf))
			die("pwrite DIR/data");
		if (fdatasync(fd) < 0)
			die("fdatasync DIR/data");
	}
	close(fd);
}
WORKLOAD_OP("append-fdatasync", op_append_fdatasync, "openat(DIR/data, O_CREAT|O_WRONLY|O_TRUNC), N x (pwrite64 "
	    "of 4 KiB at the end + fdatasync), close");
