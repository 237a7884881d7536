/* x86_64 numbers of the syscalls the dispatcher routes (arch/x86/entry/syscalls/syscall_64.tbl). */
#ifndef EBPFMON_SYSCALL_NR_H
#define EBPFMON_SYSCALL_NR_H

#define NR_read 0
#define NR_write 1
#define NR_open 2
#define NR_close 3
#define NR_pread64 17
#define NR_pwrite64 18
#define NR_readv 19
#define NR_writev 20
#define NR_clone 56
#define NR_fork 57
#define NR_vfork 58
#define NR_fsync 74
#define NR_fdatasync 75
#define NR_creat 85
#define NR_unlink 87
#define NR_openat 257
#define NR_unlinkat 263
#define NR_preadv 295
#define NR_pwritev 296
#define NR_preadv2 327
#define NR_pwritev2 328
#define NR_clone3 435
#define NR_openat2 437

/* Syscall arguments as the x86_64 entry code saved them in pt_regs. The pointer is copied first
 * so that CO-RE relocates only the pt_regs field, not the expression that yields the pointer. */
#define SYSCALL_REG(regs, reg) ({ const struct pt_regs *__sc_regs = (regs); BPF_CORE_READ(__sc_regs, reg); })
#define SYSCALL_ARG0(regs) SYSCALL_REG(regs, di)
#define SYSCALL_ARG1(regs) SYSCALL_REG(regs, si)
#define SYSCALL_ARG2(regs) SYSCALL_REG(regs, dx)
#define SYSCALL_ARG3(regs) SYSCALL_REG(regs, r10)

#endif
