/*
 * ebpfmon-swarm: many live, mostly idle processes, each doing a little I/O every period: the
 * user-side benchmark's population (BENCHMARKS.md).
 *
 *   ebpfmon-swarm COUNT FILE [PERIOD_MS]
 *
 * Forks COUNT children. Child i wakes at start + i * PERIOD / COUNT + k * PERIOD (k = 0, 1, ...),
 * so that the wake-ups are spread evenly over the period, and each time makes exactly
 * openat(FILE, O_RDONLY) + read(64 bytes) + close, then clock_nanosleep until its next slot: four
 * syscalls per period. PERIOD_MS defaults to 1000.
 *
 * Prints "ready COUNT" on stdout once every child exists. Runs until SIGTERM or SIGINT, then kills
 * and reaps every child and exits 0. Children die with the parent (PR_SET_PDEATHSIG), so a parent
 * killed with SIGKILL leaves nothing behind. If a child dies on its own (its open failed, or
 * someone killed it), the parent says so on stderr, kills the rest and exits 1: the population is
 * then no longer what the benchmark asked for.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NSEC 1000000000LL

static long long to_ns(struct timespec t)
{
	return t.tv_sec * NSEC + t.tv_nsec;
}

static struct timespec from_ns(long long ns)
{
	struct timespec t = {ns / NSEC, ns % NSEC};
	return t;
}

static void child(const char *file, long long first, long long period, pid_t parent)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(3); /* the parent is already gone */
	char buf[64];
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long next = first;
	/* children forked late skip the slots they missed rather than firing them all at once */
	while (next < to_ns(now))
		next += period;
	for (;;) {
		struct timespec at = from_ns(next);
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == EINTR)
			;
		int fd = open(file, O_RDONLY);
		if (fd < 0)
			_exit(4);
		if (read(fd, buf, sizeof(buf)) < 0)
			_exit(5);
		close(fd);
		next += period;
	}
}

static void kill_all(pid_t *pids, long n)
{
	for (long i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: %s COUNT FILE [PERIOD_MS]\n", argv[0]);
		return 2;
	}
	long count = strtol(argv[1], NULL, 10);
	long period_ms = argc == 4 ? strtol(argv[3], NULL, 10) : 1000;
	if (count < 1 || period_ms < 1) {
		fprintf(stderr, "%s: COUNT and PERIOD_MS must be positive\n", argv[0]);
		return 2;
	}
	const char *file = argv[2];
	int probe = open(file, O_RDONLY);
	if (probe < 0) {
		perror(file);
		return 2;
	}
	close(probe);

	/* the parent takes its signals with sigwait; children restore the usual mask */
	sigset_t stops, old;
	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGCHLD);
	sigprocmask(SIG_BLOCK, &stops, &old);

	pid_t *pids = calloc(count, sizeof(pid_t));
	if (!pids) {
		perror("calloc");
		return 2;
	}
	long long period = period_ms * 1000000LL;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long start = to_ns(now);
	pid_t parent = getpid();
	for (long i = 0; i < count; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			fprintf(stderr, "%s: fork of child %ld of %ld: %s\n", argv[0], i + 1, count, strerror(errno));
			kill_all(pids, i);
			return 1;
		}
		if (pid == 0) {
			sigprocmask(SIG_SETMASK, &old, NULL);
			child(file, start + i * period / count, period, parent);
		}
		pids[i] = pid;
	}
	printf("ready %ld\n", count);
	fflush(stdout);

	int status = 0;
	for (;;) {
		int sig;
		sigwait(&stops, &sig);
		if (sig != SIGCHLD)
			break;
		int ws;
		pid_t dead = waitpid(-1, &ws, WNOHANG);
		if (dead > 0) {
			fprintf(stderr, "%s: child %d ended on its own (%s %d)\n", argv[0], (int)dead,
				WIFSIGNALED(ws) ? "signal" : "exit", WIFSIGNALED(ws) ? WTERMSIG(ws) : WEXITSTATUS(ws));
			status = 1;
			break;
		}
	}
	kill_all(pids, count);
	return status;
}
