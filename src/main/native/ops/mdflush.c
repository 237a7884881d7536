/* fdatasync for the mdflush module, whose scenario mounts an ext4 filesystem without a journal,
 * on an md RAID1 device, at DIR: there each fdatasync ends in exactly one flush request to the
 * device (ext4_sync_file: blkdev_issue_flush), which md takes in md_flush_request(). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include "../workload.h"

static void op_create_fdatasync(long n)
{
	char path[4096];
	path_of(path, sizeof(path), "data", -1);
	int fd = open(path, O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		die("open DIR/data");
	for (long i = 0; i < n; i++)
		if (fdatasync(fd) < 0)
			die("fdatasync DIR/data");
	close(fd);
}
WORKLOAD_OP("create-fdatasync", op_create_fdatasync, "openat(DIR/data, O_CREAT|O_WRONLY), N x fdatasync, close");
