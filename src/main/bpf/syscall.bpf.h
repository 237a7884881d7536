/* What the shared dispatcher hands to each module's handlers: one syscall, on one side. */
#ifndef EBPFMON_SYSCALL_BPF_H
#define EBPFMON_SYSCALL_BPF_H

#include "ebpfmon.bpf.h"
#include "syscall_nr.h"

#define O_CREAT_FLAG 0100
#define AT_REMOVEDIR_FLAG 0x200
#define CLONE_THREAD_FLAG 0x00010000

struct syscall_event {
	const struct pt_regs *regs; /* arguments, read only by handlers that need them */
	long id;
	long ret;                   /* MODE_RETURN side only */
	__u32 tgid;
	__u8 side;                  /* MODE_ENTRY or MODE_RETURN */
};

static __always_inline int failed(const struct syscall_event *e)
{
	return e->side == MODE_RETURN && e->ret < 0;
}

/* open-family flags: open(path, flags), openat(dfd, path, flags), openat2(dfd, path, how), creat */
static __always_inline __u64 open_flags(const struct syscall_event *e)
{
	__u64 flags = 0;
	switch (e->id) {
	case NR_open:
		return SYSCALL_ARG1(e->regs);
	case NR_openat:
		return SYSCALL_ARG2(e->regs);
	case NR_openat2:
		/* struct open_how starts with the u64 flags */
		bpf_probe_read_user(&flags, sizeof(flags), (void *)SYSCALL_ARG2(e->regs));
		return flags;
	default: /* creat */
		return O_CREAT_FLAG;
	}
}

#endif
