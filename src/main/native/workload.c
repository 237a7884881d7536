/*
 * ebpfmon-workload: known, exact syscall workloads for kernel tests and the benchmark.
 *
 *   ebpfmon-workload [--stop] [--time] DIR OP:COUNT...
 *   ebpfmon-workload --list
 *
 * --stop   raise SIGSTOP before the first operation, so that a test can read the counters of
 *          this PID, send SIGCONT, and attribute every later syscall to the operations given.
 * --time   loops print "<op> <ns per call>" on stdout when they are done.
 * --list   prints every operation with exactly which syscalls it makes (the files under ops/ define them).
 * Operations run in the order given.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "workload.h"

const char *workload_dir;
int workload_print_times;

extern const struct workload_op __start_workload_ops[];
extern const struct workload_op __stop_workload_ops[];

void die(const char *what)
{
	perror(what);
	exit(2);
}

void path_of(char *buf, size_t size, const char *name, long i)
{
	if (i < 0)
		snprintf(buf, size, "%s/%s", workload_dir, name);
	else
		snprintf(buf, size, "%s/%s%ld", workload_dir, name, i);
}

long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static const struct workload_op *find_op(const char *name)
{
	for (const struct workload_op *op = __start_workload_ops; op < __stop_workload_ops; op++)
		if (!strcmp(op->name, name))
			return op;
	return NULL;
}

static int list_ops(void)
{
	for (const struct workload_op *op = __start_workload_ops; op < __stop_workload_ops; op++)
		printf("%-18s %s\n", op->name, op->doc);
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, stop = 0;
	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--stop"))
			stop = 1;
		else if (!strcmp(argv[i], "--time"))
			workload_print_times = 1;
		else if (!strcmp(argv[i], "--list"))
			return list_ops();
		else {
			fprintf(stderr, "unknown flag %s\n", argv[i]);
			return 2;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "usage: ebpfmon-workload [--stop] [--time] DIR OP:COUNT... | --list\n");
		return 2;
	}
	workload_dir = argv[i++];
	/* every op is looked up before the first runs: a typo must not leave half a workload done */
	const struct workload_op *ops[argc];
	long counts[argc];
	int n_ops = 0;
	for (; i < argc; i++) {
		char name[64];
		long n;
		if (sscanf(argv[i], "%63[a-z0-9-]:%ld", name, &n) != 2 || n < 0) {
			fprintf(stderr, "bad op %s (want OP:COUNT)\n", argv[i]);
			return 2;
		}
		ops[n_ops] = find_op(name);
		if (!ops[n_ops]) {
			fprintf(stderr, "unknown op %s (see --list)\n", name);
			return 2;
		}
		counts[n_ops++] = n;
	}
	if (stop)
		raise(SIGSTOP);
	for (int k = 0; k < n_ops; k++)
		ops[k]->run(counts[k]);
	return 0;
}
