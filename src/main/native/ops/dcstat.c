/*
 * Directory cache operations (the dcstat module), on relative paths from the workload's working
 * directory (DIR), so that only the components named here are looked up: dc/d1/d2/d3/file
 * exists (the test makes it), everything else is made or missed here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../workload.h"

static void op_dc_walk(long n)
{
	struct stat st;
	for (long i = 0; i < n; i++)
		if (stat("dc/d1/d2/d3/file", &st) < 0)
			die("stat dc/d1/d2/d3/file");
}
WORKLOAD_OP("dc-walk", op_dc_walk, "N x stat(dc/d1/d2/d3/file): 5 components, each found in the directory cache");

static void op_dc_create(long n)
{
	char path[64];
	for (long i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "dc/new%ld", i);
		/* O_EXCL: newer kernels try the cache first for O_CREAT alone */
		int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0)
			die("open dc/new<i>");
		close(fd);
	}
}
WORKLOAD_OP("dc-create", op_dc_create, "N x (openat(dc/new<i>, O_CREAT|O_EXCL) + close): dc from the cache, "
	    "new<i> looked up with d_lookup and not found");

static void op_dc_missing(long n)
{
	char path[64];
	struct stat st;
	for (long i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "dc/d1/absent%ld", i);
		if (stat(path, &st) == 0 || errno != ENOENT)
			die("stat dc/d1/absent<i>: exists");
	}
}
WORKLOAD_OP("dc-missing", op_dc_missing, "N x stat(dc/d1/absent<i>) failing with ENOENT: 3 components tried in "
	    "the directory cache, the last one missing");
