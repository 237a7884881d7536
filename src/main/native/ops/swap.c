/*
 * Swap operations (the swap module): the workload joins a memory cgroup the test made (its path
 * in DIR/cgroup) and touches more anonymous memory than the cgroup may hold, so that the kernel
 * writes pages of it to swap, then reads them all back.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../workload.h"

static void join_cgroup(void)
{
	char path[4096], cgroup[4000];
	path_of(path, sizeof(path), "cgroup", -1);
	FILE *f = fopen(path, "r");
	if (!f || !fgets(cgroup, sizeof(cgroup), f))
		die("read DIR/cgroup");
	fclose(f);
	cgroup[strcspn(cgroup, "\n")] = 0;
	snprintf(path, sizeof(path), "%s/cgroup.procs", cgroup);
	int fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "0\n", 2) != 2)
		die("join the cgroup");
	close(fd);
}

static void op_swap_push(long mib)
{
	join_cgroup();
	size_t size = (size_t)mib << 20;
	unsigned char *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (memory == MAP_FAILED)
		die("mmap");
	/*
	 * small pages only: a huge page goes to swap as one call of 512 pages. A kernel without
	 * transparent huge pages (PREEMPT_RT's) refuses the advice with EINVAL: small pages anyway.
	 */
	if (madvise(memory, size, MADV_NOHUGEPAGE) < 0 && errno != EINVAL)
		die("madvise MADV_NOHUGEPAGE");
	/* no page of zeros: since 6.12 those are never written to the swap device */
	for (size_t i = 0; i < size; i += 4096)
		memset(memory + i, (int)(i / 4096 % 251) + 1, 4096);
	unsigned long sum = 0;
	for (size_t i = 0; i < size; i += 4096)
		sum += memory[i];
	if (sum == 0)
		die("read back");
	munmap(memory, size);
}
WORKLOAD_OP("swap-push", op_swap_push, "open(DIR/cgroup) + read + close, open(<cgroup>/cgroup.procs) + write(\"0\") + "
	    "close, mmap N MiB anonymous + madvise(MADV_NOHUGEPAGE), write then read every page, munmap");
