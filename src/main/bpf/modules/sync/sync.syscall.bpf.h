/*
 * sync module (mem.file_sync, mem.memory_map, mem.sync, mem.file_segment): calls of sync, syncfs,
 * fsync, fdatasync, msync and sync_file_range. Calls only, as Netdata: no errors.
 */
#ifndef EBPFMON_SYNC_SYSCALL_BPF_H
#define EBPFMON_SYNC_SYSCALL_BPF_H

#include "syscall.bpf.h"
#include "modules/sync/sync.h"

MODULE_SETTINGS(sync);
COUNTERS(sync_global, SYNC_COUNTERS);

/*
 * The calls switched on in sync.conf's [syscalls]: bit (1 << counter id). Set before load like the
 * mode, so the verifier sees a constant and removes the code of a call switched off: its arm
 * leaves nothing in the loaded program and costs nothing.
 */
const volatile __u32 sync_calls = (1u << SYNC_COUNTERS) - 1;

static __always_inline void sync_count(struct syscall_event *e, __u32 call)
{
	if (!(sync_calls & (1u << call)))
		return;
	syscall_count(e, &sync_global, sync_pid_offset, call, 1);
}

static __always_inline void sync_on_syscall(struct syscall_event *e)
{
	if (sync_mode != e->side)
		return;
	switch (e->id) {
	case __NR_sync:
		sync_count(e, SYNC_SYNC);
		break;
	case __NR_syncfs:
		sync_count(e, SYNC_SYNCFS);
		break;
	case __NR_fsync:
		sync_count(e, SYNC_FSYNC);
		break;
	case __NR_fdatasync:
		sync_count(e, SYNC_FDATASYNC);
		break;
	case __NR_msync:
		sync_count(e, SYNC_MSYNC);
		break;
	case __NR_sync_file_range:
		sync_count(e, SYNC_SYNC_FILE_RANGE);
		break;
	}
}

#endif
