/* process module: counter ids, shared with Java (dev.ebpfmon.module.process.ProcessCounter). */
#ifndef EBPFMON_PROCESS_H
#define EBPFMON_PROCESS_H

enum process_counter {
	PROCESS_CREATE = 0, /* a new thread group (fork, vfork, clone without CLONE_THREAD) */
	THREAD_CREATE = 1,  /* a new thread in an existing group */
	TASK_EXIT = 2,      /* do_exit of any task (sched_process_exit) */
	TASK_RELEASE = 3,   /* task freed after its parent reaped it (sched_process_free) */
	PROCESS_ERR = 4,    /* fork/vfork/clone/clone3 failed (return mode) */
	THREAD_ERR = 5,     /* clone with CLONE_THREAD failed (return mode) */
	PROCESS_COUNTERS = 6,
};

#endif
