/* What both halves of the process module share (the agent loads them on one map). */
#ifndef EBPFMON_PROCESS_MAPS_BPF_H
#define EBPFMON_PROCESS_MAPS_BPF_H

#include "pid_record.bpf.h"
#include "modules/process/process.h"

MODULE_SETTINGS(process);
COUNTERS(process_global, PROCESS_COUNTERS);

#endif
