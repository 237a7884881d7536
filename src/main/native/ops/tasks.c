/* Process operations: what the process module counts, and churn for the group charts. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../workload.h"

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
WORKLOAD_OP("fork", op_fork, "N x fork(), the child _exit(0)s at once, the parent waits for it");

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
WORKLOAD_OP("churn", op_churn, "N x fork(); each child makes one openat(/dev/null) + close and _exit(0)s; the "
	    "parent waits for each, then writes the children's pids, one per line, to DIR/churn-pids");

/* clone(2) that the kernel refuses with EINVAL before anything is created. */
static void bad_clone(long n, unsigned long flags, const char *what)
{
	for (long i = 0; i < n; i++)
		if (syscall(SYS_clone, flags, 0, 0, 0, 0) != -1 || errno != EINVAL)
			die(what);
}

static void op_bad_clone(long n)
{
	bad_clone(n, CLONE_SIGHAND, "bad-clone: clone(CLONE_SIGHAND) did not fail with EINVAL");
}
WORKLOAD_OP("bad-clone", op_bad_clone, "N x clone(CLONE_SIGHAND without CLONE_VM) failing with EINVAL");

static void op_bad_thread(long n)
{
	bad_clone(n, CLONE_THREAD, "bad-thread: clone(CLONE_THREAD) did not fail with EINVAL");
}
WORKLOAD_OP("bad-thread", op_bad_thread, "N x clone(CLONE_THREAD without CLONE_SIGHAND) failing with EINVAL");
