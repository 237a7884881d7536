/* The process module's maps; included by process.bpf.c (scheduler tracepoints) and by the
 * syscall dispatcher (failed clones). The agent loads both objects on one pair of maps. */
#ifndef EBPFMON_PROCESS_MAPS_BPF_H
#define EBPFMON_PROCESS_MAPS_BPF_H

#include "ebpfmon.bpf.h"
#include "process.h"

COUNTER_ARRAY(process_global, PROCESS_COUNTERS);
PID_TABLE(process_pid, struct process_pid_counters);

static __always_inline void process_count(__u32 tgid, __u32 id)
{
	struct process_pid_counters zero = {};
	count(&process_global, pid_counters(&process_pid, tgid, &zero), id, 1);
}

#endif
