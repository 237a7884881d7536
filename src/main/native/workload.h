/*
 * ebpfmon-workload's operations: each file under ops/ registers its own with WORKLOAD_OP, so that
 * a module adding a workload for its kernel scenario adds a file and edits nothing here.
 */
#ifndef EBPFMON_WORKLOAD_H
#define EBPFMON_WORKLOAD_H

#include <stddef.h>

struct workload_op {
	const char *name;      /* as written on the command line: NAME:COUNT */
	void (*run)(long n);   /* does exactly what `doc` says, n times (or with n bytes, ...) */
	const char *doc;       /* which syscalls it makes, exactly: kernel tests count them */
};

/* Places the op in the "workload_ops" section, which the linker gathers from every file. */
#define WORKLOAD_OP(op_name, fn, text)                                                   \
	static const struct workload_op workload_op_##fn                                 \
		__attribute__((used, section("workload_ops"), aligned(sizeof(void *)))) = \
			{.name = op_name, .run = fn, .doc = text}

/* The directory given on the command line, where ops create their files. */
extern const char *workload_dir;
/* --time: loops print "<op> <ns per call>" when done. */
extern int workload_print_times;

/* Prints what failed with errno's text and exits with status 2. */
void die(const char *what);
/* DIR/<name><i>, or DIR/<name> when i < 0. */
void path_of(char *buf, size_t size, const char *name, long i);
/* CLOCK_MONOTONIC in nanoseconds. */
long now_ns(void);

#endif
