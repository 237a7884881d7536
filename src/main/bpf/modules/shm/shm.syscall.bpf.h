/*
 * shm module (system.shared_memory_calls and its apps, cgroup and services charts): System V
 * shared memory calls shmget, shmat, shmdt and shmctl. Calls only, as Netdata: no errors.
 */
#ifndef EBPFMON_SHM_SYSCALL_BPF_H
#define EBPFMON_SHM_SYSCALL_BPF_H

#include "syscall.bpf.h"
#include "modules/shm/shm.h"

MODULE_SETTINGS(shm);
COUNTERS(shm_global, SHM_COUNTERS);

static __always_inline void shm_count(struct syscall_event *e, __u32 call)
{
	syscall_count(e, &shm_global, shm_pid_offset, call, 1);
}

static __always_inline void shm_on_syscall(struct syscall_event *e)
{
	if (shm_mode != e->side)
		return;
	switch (e->id) {
	case __NR_shmget:
		shm_count(e, SHM_GET);
		break;
	case __NR_shmat:
		shm_count(e, SHM_AT);
		break;
	case __NR_shmdt:
		shm_count(e, SHM_DT);
		break;
	case __NR_shmctl:
		shm_count(e, SHM_CTL);
		break;
	}
}

#endif
