/* Sync calls: what the sync module counts. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../workload.h"

#define SYNC_FILE_SIZE 4096

static void op_sync_calls(long n)
{
	char path[4096];
	path_of(path, sizeof(path), "sync-data", -1);
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0)
		die("open sync-data");
	if (ftruncate(fd, SYNC_FILE_SIZE) < 0)
		die("ftruncate");
	char *map = mmap(NULL, SYNC_FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		die("mmap");
	for (long i = 0; i < n; i++) {
		map[0] = (char)i; /* something to write back each time */
		sync();
		if (syncfs(fd) < 0)
			die("syncfs");
		if (fsync(fd) < 0)
			die("fsync");
		if (fdatasync(fd) < 0)
			die("fdatasync");
		if (msync(map, SYNC_FILE_SIZE, MS_SYNC) < 0)
			die("msync");
		if (sync_file_range(fd, 0, SYNC_FILE_SIZE, SYNC_FILE_RANGE_WRITE) < 0)
			die("sync_file_range");
	}
	munmap(map, SYNC_FILE_SIZE);
	close(fd);
}
WORKLOAD_OP("sync-calls", op_sync_calls, "openat(DIR/sync-data, O_CREAT|O_RDWR|O_TRUNC), ftruncate, mmap (shared), "
	    "N x (sync + syncfs + fsync + fdatasync + msync + sync_file_range), munmap, close");
