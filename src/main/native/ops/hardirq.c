/* Hard IRQ load for the hardirq module's kernel test: block I/O completions (a device IRQ) and
 * inter-processor interrupts (function-call vectors). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../workload.h"

#define BLOCK 4096
#define FILE_BLOCKS 256

/*
 * Reads that reach the disk: each one a request and its completion interrupt. Writes DIR/direct-io
 * with the word "direct", or "buffered" where the file system refuses O_DIRECT (tmpfs, 9p), so
 * that a test knows whether a device IRQ was driven.
 */
static void op_direct_io(long ms)
{
	char path[4096];
	path_of(path, sizeof(path), "direct-io.data", -1);
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0)
		die("direct-io: open");
	char *block = aligned_alloc(BLOCK, BLOCK);
	if (!block)
		die("direct-io: aligned_alloc");
	memset(block, 'd', BLOCK);
	for (int i = 0; i < FILE_BLOCKS; i++)
		if (write(fd, block, BLOCK) != BLOCK)
			die("direct-io: write");
	if (fsync(fd))
		die("direct-io: fsync");
	close(fd);
	fd = open(path, O_RDONLY | O_DIRECT);
	int direct = fd >= 0;
	if (!direct && errno == EINVAL)
		fd = open(path, O_RDONLY);
	if (fd < 0)
		die("direct-io: open O_DIRECT");
	for (long i = 0, end = now_ns() + ms * 1000000; now_ns() < end; i++)
		if (pread(fd, block, BLOCK, (i % FILE_BLOCKS) * BLOCK) != BLOCK)
			die("direct-io: pread");
	close(fd);
	free(block);
	path_of(path, sizeof(path), "direct-io", -1);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	const char *word = direct ? "direct\n" : "buffered\n";
	if (fd < 0 || write(fd, word, strlen(word)) != (ssize_t)strlen(word))
		die("direct-io: marker");
	close(fd);
}
WORKLOAD_OP("direct-io", op_direct_io, "writes DIR/direct-io.data (256 x 4 KiB, fsync), then for N ms pread()s it "
	    "4 KiB at a time with O_DIRECT (plain reads where refused); writes 'direct' or 'buffered' to DIR/direct-io");

static volatile int spinning = 1;

static void *spin(void *cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET((long)cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
	while (spinning)
		;
	return NULL;
}

/* membarrier(PRIVATE_EXPEDITED) interrupts every other CPU running a thread of the process. */
static void op_ipi(long ms)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cpus < 2) {
		fprintf(stderr, "ipi: needs two CPUs\n");
		exit(2);
	}
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("ipi: sched_setaffinity");
	pthread_t thread;
	if (pthread_create(&thread, NULL, spin, (void *)1L))
		die("ipi: pthread_create");
	if (syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0))
		die("ipi: membarrier register");
	struct timespec pause = {.tv_nsec = 100000};
	for (long end = now_ns() + ms * 1000000; now_ns() < end;) {
		if (syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0))
			die("ipi: membarrier");
		nanosleep(&pause, NULL);
	}
	spinning = 0;
	pthread_join(thread, NULL);
}
WORKLOAD_OP("ipi", op_ipi, "pins itself to CPU 0 and a spinning thread to CPU 1, then for N ms "
	    "membarrier(PRIVATE_EXPEDITED) (an IPI to CPU 1) and nanosleep(100 us); needs 2 CPUs");
