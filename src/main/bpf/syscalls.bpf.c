// SPDX-License-Identifier: GPL-2.0
/*
 * The one sys_enter/sys_exit dispatcher every syscall-based module shares.
 *
 * Each program on a hot tracepoint costs ~50 ns per syscall on our machines whatever it does
 * (kernel-notes.md), so modules never attach their own: this object routes each syscall id to
 * the handlers of the modules that want it. A module's `<module>_mode` global (set before load)
 * says on which side it counts; the verifier prunes handlers of modules that are off. The agent
 * attaches sys_enter only if some module counts on entry, sys_exit only if some counts on return.
 */
#include "syscall.bpf.h"
#include "fd.bpf.h"
#include "vfs.bpf.h"
#include "process_syscall.bpf.h"

char LICENSE[] SEC("license") = "GPL";

static __always_inline int dispatch(struct syscall_event *e)
{
	switch (e->id) {
	case NR_open: case NR_openat: case NR_openat2: case NR_creat:
		fd_on_open(e);
		vfs_on_open(e);
		break;
	case NR_close:
		fd_on_close(e);
		break;
	case NR_read: case NR_pread64: case NR_readv: case NR_preadv: case NR_preadv2:
		vfs_on_read(e);
		break;
	case NR_write: case NR_pwrite64: case NR_writev: case NR_pwritev: case NR_pwritev2:
		vfs_on_write(e);
		break;
	case NR_unlink: case NR_unlinkat:
		vfs_on_unlink(e);
		break;
	case NR_fsync: case NR_fdatasync:
		vfs_on_fsync(e);
		break;
	case NR_clone: case NR_clone3: case NR_fork: case NR_vfork:
		process_on_clone(e);
		break;
	}
	return 0;
}

static __always_inline int on_enter(const struct pt_regs *regs, long id)
{
	struct syscall_event e = {.regs = regs, .id = id, .tgid = current_tgid(), .side = MODE_ENTRY};
	return dispatch(&e);
}

static __always_inline int on_exit(const struct pt_regs *regs, long id, long ret)
{
	struct syscall_event e = {
		.regs = regs, .id = id, .ret = ret, .tgid = current_tgid(), .side = MODE_RETURN};
	return dispatch(&e);
}

/* Preferred: BTF-typed tracepoints, where the syscall id on exit is a direct load. */
SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_btf, struct pt_regs *regs, long id)
{
	return on_enter(regs, id);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_btf, struct pt_regs *regs, long ret)
{
	return on_exit(regs, regs->orig_ax, ret);
}

/* Fallback for kernels without tp_btf (before 5.5): raw tracepoints, same arguments untyped. */
SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter_raw, struct pt_regs *regs, long id)
{
	return on_enter(regs, id);
}

SEC("raw_tp/sys_exit")
int BPF_PROG(sys_exit_raw, struct pt_regs *regs, long ret)
{
	return on_exit(regs, BPF_CORE_READ(regs, orig_ax), ret);
}
