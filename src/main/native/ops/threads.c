/* Threads on every CPU counting into one process's record: what per-process atomics are for. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>
#include "../workload.h"

#define MAX_THREADS 64

struct worker {
	pthread_t thread;
	int cpu;
	long n;
};

static void open_close_n(long n)
{
	for (long i = 0; i < n; i++) {
		int fd = open("/dev/null", O_RDONLY);
		if (fd < 0)
			die("open /dev/null");
		close(fd);
	}
}

static void *open_close(void *arg)
{
	struct worker *w = arg;
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(w->cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0)
		die("sched_setaffinity");
	open_close_n(w->n);
	return NULL;
}

/* The CPUs come from the affinity mask, not sysconf(), which would open a file under /sys. */
static int start_workers(struct worker *workers, long n)
{
	cpu_set_t allowed;
	if (sched_getaffinity(0, sizeof(allowed), &allowed) < 0)
		die("sched_getaffinity");
	int cpus = 0;
	for (int cpu = 0; cpu < CPU_SETSIZE && cpus < MAX_THREADS; cpu++) {
		if (!CPU_ISSET(cpu, &allowed))
			continue;
		workers[cpus] = (struct worker){.cpu = cpu, .n = n};
		if (pthread_create(&workers[cpus].thread, NULL, open_close, &workers[cpus]))
			die("pthread_create");
		cpus++;
	}
	return cpus;
}

static void join_workers(struct worker *workers, int cpus)
{
	for (int i = 0; i < cpus; i++)
		pthread_join(workers[i].thread, NULL);
}

static void op_cpu_open(long n)
{
	struct worker workers[MAX_THREADS];
	join_workers(workers, start_workers(workers, n));
}
WORKLOAD_OP("cpu-open", op_cpu_open, "one thread per CPU of its affinity mask, pinned to it, each N x (openat(/dev/null) + close); "
	    "plus the clone and the per-thread set-up calls of glibc's pthread_create");

/* A process that counts alone, then beside threads of its own, then alone again. */
static void op_grow_open(long n)
{
	struct worker workers[MAX_THREADS];
	open_close_n(n);
	int cpus = start_workers(workers, n);
	open_close_n(n);
	join_workers(workers, cpus);
	open_close_n(n);
}
WORKLOAD_OP("grow-open", op_grow_open, "N x (openat(/dev/null) + close) in the one thread, then the same in it and at once in one "
	    "thread per CPU (as cpu-open), then, all joined, N more in the one thread: (3 + CPUs) x N of each");
