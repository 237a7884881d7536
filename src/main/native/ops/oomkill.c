/*
 * OOM kills for the oomkill module's kernel tests. The test prepares a memory cgroup with a small
 * limit (32 MiB: MEMCG_LIMIT_MIB) and links it as DIR/memcg (cgroup v1) and/or DIR/cg2 (cgroup v2):
 * a child joins both by writing 0 to their cgroup.procs, and the OOM killer ends it in there.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../workload.h"

#define MIB (1024L * 1024)
#define VICTIM_MIB 24  /* what a victim of another task's allocation holds: below the limit alone */
#define TRIGGER_MIB 16 /* what the task that runs out allocates: over the limit with the victim, well under it alone */

static void write_file(const char *path, const char *text, int must)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0 && !must)
		return;
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		die(path);
	close(fd);
}

/*
 * The calling process joins DIR/memcg and DIR/cg2 (each if the test linked it) and sets its OOM
 * score adjustment (raising it needs no privilege): 1000 marks the victim.
 */
static void join(const char *adj)
{
	char path[4096];
	path_of(path, sizeof(path), "memcg/cgroup.procs", -1);
	write_file(path, "0", 0);
	path_of(path, sizeof(path), "cg2/cgroup.procs", -1);
	write_file(path, "0", 0);
	write_file("/proc/self/oom_score_adj", adj, 1);
}

static void touch(long bytes)
{
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap");
	for (long i = 0; i < bytes; i += 4096)
		p[i] = 1;
}

static void record(const char *file, pid_t pid)
{
	char path[4096], line[32];
	path_of(path, sizeof(path), file, -1);
	int fd = open(path, O_CREAT | O_WRONLY | O_APPEND, 0644);
	snprintf(line, sizeof(line), "%d\n", pid);
	if (fd < 0 || write(fd, line, strlen(line)) != (ssize_t)strlen(line))
		die(path);
	close(fd);
}

static void expect_killed(pid_t pid)
{
	int status;
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		fprintf(stderr, "oom: child %d was not killed by SIGKILL (status 0x%x)\n", pid, status);
		_exit(2);
	}
}

/* The victim is the task that runs out of memory (the event's `current`). */
static void op_oom_self(long n)
{
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			join("1000");
			for (;;)
				touch(64 * MIB);
		}
		expect_killed(pid);
		record("oom-victims", pid);
	}
}
WORKLOAD_OP("oom-self", op_oom_self, "N x fork(); the child joins DIR/memcg and DIR/cg2, sets oom_score_adj 1000 "
	    "and touches anonymous memory until the OOM killer kills it; the parent waits for each and appends "
	    "the victims' pids to DIR/oom-victims");

/* The victim is another process than the one that runs out of memory. */
static void op_oom_other(long n)
{
	for (long i = 0; i < n; i++) {
		int ready[2];
		char c;
		if (pipe(ready))
			die("pipe");
		pid_t victim = fork();
		if (victim < 0)
			die("fork");
		if (victim == 0) {
			join("1000");
			touch(VICTIM_MIB * MIB);
			if (write(ready[1], "v", 1) != 1)
				die("write");
			for (;;)
				pause();
		}
		if (read(ready[0], &c, 1) != 1)
			die("read");
		pid_t trigger = fork();
		if (trigger < 0)
			die("fork");
		if (trigger == 0) {
			join("0");
			touch(TRIGGER_MIB * MIB);
			_exit(0);
		}
		expect_killed(victim);
		record("oom-victims", victim);
		/*
		 * The allocating child may be killed too: when it hits the limit again between the
		 * victim's exit_mm and the uncharge of its memory, the OOM killer finds no other task
		 * (lowering its oom_score_adj to -1000 would need CAP_SYS_RESOURCE). Then it is a victim.
		 */
		int status;
		if (waitpid(trigger, &status, 0) != trigger)
			die("waitpid");
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
			record("oom-victims", trigger);
		} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			record("oom-triggers", trigger);
		} else {
			fprintf(stderr, "oom-other: the allocating child %d ended with status 0x%x\n", trigger, status);
			_exit(2);
		}
		close(ready[0]);
		close(ready[1]);
	}
}
WORKLOAD_OP("oom-other", op_oom_other, "N x: fork() a victim that joins DIR/memcg and DIR/cg2, sets oom_score_adj "
	    "1000, touches 24 MiB and pauses; then fork() a child that joins them with oom_score_adj 0 and "
	    "touches 16 MiB, so that the OOM killer kills the victim from the other's allocation; the parent waits "
	    "for both and appends the victim's pid to DIR/oom-victims, the other's to DIR/oom-triggers (to "
	    "DIR/oom-victims if it was killed as well)");
