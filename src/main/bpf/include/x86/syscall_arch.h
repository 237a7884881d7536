/*
 * x86_64 syscall ABI: numbers from the kernel's UAPI header, arguments from the pt_regs the entry
 * code saved. With a BTF-typed pt_regs (tp_btf) an argument is a plain load; with an untyped one
 * (raw_tp) it goes through a probe read. Which one is known at compile time in each program, so
 * each gets only its own path.
 */
#ifndef EBPFMON_SYSCALL_ARCH_H
#define EBPFMON_SYSCALL_ARCH_H

#include <asm/unistd_64.h>

/*
 * The empty asm keeps the compiler from merging the two loads into one through a selected
 * address: the verifier refuses one instruction reading a BTF pointer in one program and the
 * stack in another ("same insn cannot be used with different pointers").
 */
#define SYSCALL_REG(e, reg) ({                                              \
	const struct pt_regs *__sc_regs = (e)->regs;                        \
	unsigned long __sc_value;                                           \
	if ((e)->btf) {                                                     \
		__sc_value = __sc_regs->reg;                                \
		asm volatile("" : "+r"(__sc_value));                        \
	} else {                                                            \
		__sc_value = BPF_CORE_READ(__sc_regs, reg);                 \
	}                                                                   \
	__sc_value; })

#define SYSCALL_ARG_0(e) SYSCALL_REG(e, di)
#define SYSCALL_ARG_1(e) SYSCALL_REG(e, si)
#define SYSCALL_ARG_2(e) SYSCALL_REG(e, dx)
#define SYSCALL_ARG_3(e) SYSCALL_REG(e, r10)
#define SYSCALL_ARG_4(e) SYSCALL_REG(e, r8)
#define SYSCALL_ARG_5(e) SYSCALL_REG(e, r9)
#define SYSCALL_ARG(e, n) SYSCALL_ARG_##n(e)

/* The syscall id as sys_exit sees it. */
#define SYSCALL_ID_AT_EXIT(regs, btf) ((btf) ? (regs)->orig_ax : BPF_CORE_READ(regs, orig_ax))

#endif
