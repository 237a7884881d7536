/* Loops for the benchmark: one syscall per iteration, no files left behind. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../workload.h"

static void report(const char *op, long n, long start)
{
	long elapsed = now_ns() - start;
	if (workload_print_times)
		printf("%s %.2f\n", op, n ? (double)elapsed / n : 0.0);
}

static void op_loop_read(long n)
{
	char c;
	int fd = open("/dev/zero", O_RDONLY);
	long start = now_ns();
	for (long i = 0; i < n; i++)
		if (read(fd, &c, 1) != 1)
			die("read /dev/zero");
	report("loop-read", n, start);
	close(fd);
}
WORKLOAD_OP("loop-read", op_loop_read, "N x read(/dev/zero, 1 byte)");

static void op_loop_write(long n)
{
	char c = 0;
	int fd = open("/dev/null", O_WRONLY);
	long start = now_ns();
	for (long i = 0; i < n; i++)
		if (write(fd, &c, 1) != 1)
			die("write /dev/null");
	report("loop-write", n, start);
	close(fd);
}
WORKLOAD_OP("loop-write", op_loop_write, "N x write(/dev/null, 1 byte)");

static void op_loop_open(long n)
{
	long start = now_ns();
	for (long i = 0; i < n; i++)
		close(open("/dev/null", O_RDONLY));
	report("loop-open", n, start);
}
WORKLOAD_OP("loop-open", op_loop_open, "N x (openat(/dev/null) + close)");

static void op_loop_getpid(long n)
{
	long start = now_ns();
	for (long i = 0; i < n; i++)
		syscall(SYS_getpid);
	report("loop-getpid", n, start);
}
WORKLOAD_OP("loop-getpid", op_loop_getpid, "N x getpid (syscall(SYS_getpid), never cached)");
