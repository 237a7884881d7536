/*
 * ebpfmon-workload: a known, exact syscall workload for kernel tests and the benchmark.
 *
 *   ebpfmon-workload [--stop] DIR OP:COUNT...
 *
 * --stop   raise SIGSTOP before the first operation, so that a test can read the counters of
 *          this PID, send SIGCONT, and attribute every later syscall to the operations below.
 * Ops (run in order; each states exactly which syscalls it makes):
 *   open:N       N x (openat(DIR/f<i>, O_CREAT|O_WRONLY) + close)
 *   fail-open:N  N x openat(DIR/missing<i>, O_RDONLY) failing with ENOENT
 *   close-bad:N  N x close(-1) failing with EBADF
 *   write:B      openat(DIR/data, O_CREAT|O_RDWR|O_TRUNC), write + pwrite64 + writev (2 iovecs)
 *                carrying B bytes in all, close
 *   read:B       openat(DIR/data, O_RDONLY), read + pread64 + readv (2 iovecs) of B bytes in all,
 *                close (run write:B first)
 *   bad-read:N   N x read(-1) failing with EBADF
 *   bad-write:N  N x write(-1) failing with EBADF
 *   unlink:N     N x unlink(DIR/f<i>) (run open:N first)
 *   fsync:N      openat(DIR/data, O_WRONLY), N x fsync, close
 *   fork:N       N x fork(), the child _exit(0)s at once, the parent waits for it
 *   churn:N      N x fork(); each child makes one openat(/dev/null) + close and _exit(0)s; the
 *                parent waits for each, then writes the children's pids, one per line, to
 *                DIR/churn-pids (in as few write calls as the buffer allows)
 * Loops for the benchmark (no files are left behind):
 *   loop-read:N      N x read(/dev/zero, 1 byte)
 *   loop-write:N     N x write(/dev/null, 1 byte)
 *   loop-open:N      N x (openat(/dev/null) + close)
 *   loop-getpid:N    N x getpid (syscall(SYS_getpid), never cached)
 * With --time, each loop prints "<op> <ns per call>" on stdout when it is done.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *dir;
static int print_times;

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static void path_of(char *buf, size_t size, const char *name, long i)
{
	if (i < 0)
		snprintf(buf, size, "%s/%s", dir, name);
	else
		snprintf(buf, size, "%s/%s%ld", dir, name, i);
}

static void op_open(long n)
{
	char path[4096];
	for (long i = 0; i < n; i++) {
		path_of(path, sizeof(path), "f", i);
		int fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd < 0)
			die("open");
		close(fd);
	}
}

static void op_fail_open(long n)
{
	char path[4096];
	for (long i = 0; i < n; i++) {
		path_of(path, sizeof(path), "missing", i);
		if (open(path, O_RDONLY) >= 0 || errno != ENOENT)
			die("fail-open: the file exists");
	}
}

/* Moves `total` bytes in three calls: plain, positional, vectored (two iovecs). */
static void op_transfer(long total, int writing)
{
	char path[4096];
	path_of(path, sizeof(path), "data", -1);
	int fd = writing ? open(path, O_CREAT | O_RDWR | O_TRUNC, 0644) : open(path, O_RDONLY);
	if (fd < 0)
		die("open data");
	char *buf = malloc(total > 0 ? total : 1);
	if (!buf)
		die("malloc");
	memset(buf, 'e', total);
	long a = total / 3, b = total / 3, c = total - a - b;
	long done;
	if (writing) {
		done = write(fd, buf, a);
		done += pwrite(fd, buf, b, a);
		if (lseek(fd, a + b, SEEK_SET) < 0)
			die("lseek");
	} else {
		done = read(fd, buf, a);
		done += pread(fd, buf, b, a);
		if (lseek(fd, a + b, SEEK_SET) < 0)
			die("lseek");
	}
	struct iovec iov[2] = {{buf, c / 2}, {buf + c / 2, c - c / 2}};
	done += writing ? writev(fd, iov, 2) : readv(fd, iov, 2);
	if (done != total) {
		fprintf(stderr, "transfer: moved %ld of %ld bytes\n", done, total);
		exit(2);
	}
	free(buf);
	close(fd);
}

static void op_bad(long n, int writing)
{
	char c = 0;
	for (long i = 0; i < n; i++)
		if ((writing ? write(-1, &c, 1) : read(-1, &c, 1)) >= 0)
			die("bad-read/bad-write succeeded");
}

static void op_close_bad(long n)
{
	for (long i = 0; i < n; i++)
		if (close(-1) == 0)
			die("close(-1) succeeded");
}

static void op_unlink(long n)
{
	char path[4096];
	for (long i = 0; i < n; i++) {
		path_of(path, sizeof(path), "f", i);
		if (unlink(path) < 0)
			die("unlink");
	}
}

static void op_fsync(long n)
{
	char path[4096];
	path_of(path, sizeof(path), "data", -1);
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		die("open data");
	for (long i = 0; i < n; i++)
		if (fsync(fd) < 0)
			die("fsync");
	close(fd);
}

static void op_fork(long n)
{
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, NULL, 0) != pid)
			die("waitpid");
	}
}

static void op_churn(long n)
{
	char path[4096];
	size_t cap = (size_t)n * 12 + 1, used = 0;
	char *pids = malloc(cap);
	if (!pids)
		die("malloc");
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			close(open("/dev/null", O_RDONLY));
			_exit(0);
		}
		if (waitpid(pid, NULL, 0) != pid)
			die("waitpid");
		used += snprintf(pids + used, cap - used, "%d\n", pid);
	}
	path_of(path, sizeof(path), "churn-pids", -1);
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0 || write(fd, pids, used) != (ssize_t)used)
		die("churn-pids");
	close(fd);
	free(pids);
}

static long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void op_loop(const char *op, long n)
{
	char c = 0;
	int fd = -1;
	if (!strcmp(op, "loop-read"))
		fd = open("/dev/zero", O_RDONLY);
	else if (!strcmp(op, "loop-write"))
		fd = open("/dev/null", O_WRONLY);
	long start = now_ns();
	for (long i = 0; i < n; i++) {
		if (!strcmp(op, "loop-read"))
			read(fd, &c, 1);
		else if (!strcmp(op, "loop-write"))
			write(fd, &c, 1);
		else if (!strcmp(op, "loop-open"))
			close(open("/dev/null", O_RDONLY));
		else
			syscall(SYS_getpid);
	}
	long elapsed = now_ns() - start;
	if (fd >= 0)
		close(fd);
	if (print_times)
		printf("%s %.2f\n", op, n ? (double)elapsed / n : 0.0);
}

int main(int argc, char **argv)
{
	int i = 1, stop = 0;
	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--stop"))
			stop = 1;
		else if (!strcmp(argv[i], "--time"))
			print_times = 1;
		else {
			fprintf(stderr, "unknown flag %s\n", argv[i]);
			return 2;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "usage: ebpfmon-workload [--stop] [--time] DIR OP:COUNT...\n");
		return 2;
	}
	dir = argv[i++];
	if (stop)
		raise(SIGSTOP);
	for (; i < argc; i++) {
		char op[64];
		long n;
		if (sscanf(argv[i], "%63[a-z-]:%ld", op, &n) != 2 || n < 0) {
			fprintf(stderr, "bad op %s (want OP:COUNT)\n", argv[i]);
			return 2;
		}
		if (!strcmp(op, "open"))
			op_open(n);
		else if (!strcmp(op, "fail-open"))
			op_fail_open(n);
		else if (!strcmp(op, "close-bad"))
			op_close_bad(n);
		else if (!strcmp(op, "write"))
			op_transfer(n, 1);
		else if (!strcmp(op, "read"))
			op_transfer(n, 0);
		else if (!strcmp(op, "bad-read"))
			op_bad(n, 0);
		else if (!strcmp(op, "bad-write"))
			op_bad(n, 1);
		else if (!strcmp(op, "unlink"))
			op_unlink(n);
		else if (!strcmp(op, "fsync"))
			op_fsync(n);
		else if (!strcmp(op, "fork"))
			op_fork(n);
		else if (!strcmp(op, "churn"))
			op_churn(n);
		else if (!strncmp(op, "loop-", 5))
			op_loop(op, n);
		else {
			fprintf(stderr, "unknown op %s\n", op);
			return 2;
		}
	}
	return 0;
}
