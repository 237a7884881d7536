/*
 * Page cache operations (the cachestat module): a file of the test's own (DIR/mnt/cached, on a
 * block device the test mounts with noatime) is evicted and read back whole, so that every page
 * read is exactly one page added to and one page accessed in the page cache.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../workload.h"

#define CACHED_FILE "mnt/cached"

/*
 * The process's exit unmaps its own binary and the vDSO, and unmapping marks every page of them
 * it used as accessed (mark_page_accessed in zap_pte_range); MADV_SEQUENTIAL tells the kernel
 * that those references mean nothing, so that what the page cache counts for this process is the
 * operations' work alone. [vvar] and [vsyscall] hold no such page and may refuse.
 */
static void op_cache_quiet(long n)
{
	(void)n;
	FILE *maps = fopen("/proc/self/maps", "r");
	if (!maps)
		die("open /proc/self/maps");
	char line[4096];
	while (fgets(line, sizeof(line), maps)) {
		unsigned long start, end;
		if (sscanf(line, "%lx-%lx", &start, &end) == 2
		    && madvise((void *)start, end - start, MADV_SEQUENTIAL) < 0
		    && !strstr(line, "[vvar") && !strstr(line, "[vsyscall]"))
			die("madvise MADV_SEQUENTIAL");
	}
	fclose(maps);
}
WORKLOAD_OP("cache-quiet", op_cache_quiet, "openat(/proc/self/maps) + reads + close, madvise(MADV_SEQUENTIAL) "
	    "on each mapping (no page cache access of its own)");

static int open_cached(long *pages)
{
	char path[4096];
	path_of(path, sizeof(path), CACHED_FILE, -1);
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		die("open " CACHED_FILE);
	*pages = (st.st_size + 4095) / 4096;
	return fd;
}

static void op_cache_evict(long n)
{
	(void)n;
	long pages;
	int fd = open_cached(&pages);
	if (posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) != 0)
		die("posix_fadvise DONTNEED");
	/* mincore only looks: no page is added or marked accessed, and nothing gets mapped in */
	void *map = mmap(NULL, pages * 4096, PROT_READ, MAP_SHARED, fd, 0);
	unsigned char *resident = malloc(pages);
	if (map == MAP_FAILED || !resident || mincore(map, pages * 4096, resident) < 0)
		die("mincore " CACHED_FILE);
	for (long i = 0; i < pages; i++)
		if (resident[i] & 1) {
			fprintf(stderr, "cache-evict: page %ld of " CACHED_FILE " is still cached (dirty?)\n", i);
			exit(2);
		}
	munmap(map, pages * 4096);
	free(resident);
	close(fd);
}
WORKLOAD_OP("cache-evict", op_cache_evict, "openat(DIR/" CACHED_FILE ") + fstat, posix_fadvise(DONTNEED), mmap + "
	    "mincore (fails unless every page left the cache) + munmap, close");

static void op_cache_read(long n)
{
	for (long i = 0; i < n; i++) {
		long pages;
		int fd = open_cached(&pages);
		char *buf = malloc(pages * 4096);
		/* one read of the whole file: each folio is marked accessed once */
		if (!buf || read(fd, buf, pages * 4096) != pages * 4096)
			die("read " CACHED_FILE);
		free(buf);
		close(fd);
	}
}
WORKLOAD_OP("cache-read", op_cache_read, "N x (openat(DIR/" CACHED_FILE ") + fstat, one read of the whole file, close)");
