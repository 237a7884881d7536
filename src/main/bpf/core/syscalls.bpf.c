// SPDX-License-Identifier: GPL-2.0
/*
 * The one sys_enter/sys_exit dispatcher every syscall-based module shares.
 *
 * Each program on a hot tracepoint costs ~50 ns per syscall on our machines whatever it does
 * (kernel-notes.md), so modules never attach their own: this object hands every syscall to each
 * module's <m>_on_syscall() (generated list, see the Makefile), which routes by syscall id. A
 * module's `<m>_mode` global (set before load) says on which side it counts; the verifier prunes
 * the code of modules that are off. The agent attaches sys_enter only if some module counts on
 * entry, sys_exit only if some counts on return.
 */
#include "syscall.bpf.h"
#include "dispatch_modules.h"

char LICENSE[] SEC("license") = "GPL";

static __always_inline int on_syscall(const struct pt_regs *regs, long id, long ret, __u8 side, __u8 btf)
{
	struct syscall_event e = {.regs = regs, .id = id, .ret = ret, .side = side, .btf = btf};
	dispatch_modules(&e);
	syscall_counted(&e);
	return 0;
}

/* Preferred: BTF-typed tracepoints, where arguments and the syscall id on exit are direct loads. */
SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_btf, struct pt_regs *regs, long id)
{
	return on_syscall(regs, id, 0, MODE_ENTRY, 1);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_btf, struct pt_regs *regs, long ret)
{
	return on_syscall(regs, SYSCALL_ID_AT_EXIT(regs, 1), ret, MODE_RETURN, 1);
}

/* Fallback for kernels without tp_btf (before 5.5): raw tracepoints, same arguments untyped. */
SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter_raw, struct pt_regs *regs, long id)
{
	return on_syscall(regs, id, 0, MODE_ENTRY, 0);
}

SEC("raw_tp/sys_exit")
int BPF_PROG(sys_exit_raw, struct pt_regs *regs, long ret)
{
	return on_syscall(regs, SYSCALL_ID_AT_EXIT(regs, 0), ret, MODE_RETURN, 0);
}
