/*
 * socket module, syscall side: sends and receives where the kernel has neither the socket-layer
 * tracepoints (sock_send_length, before 6.3) nor, by `ebpf co-re tracing = tracepoint`, may
 * the functions be probed. The results of sendto, sendmsg, recvfrom and recvmsg on IPv4/IPv6
 * TCP and UDP sockets (the file descriptor is resolved to its socket) give calls, bytes and
 * errors; read and write on sockets are not seen this way (every read and write of the system
 * would have to resolve its descriptor). Return side only, whatever the load mode.
 */
#ifndef EBPFMON_SOCKET_SYSCALL_BPF_H
#define EBPFMON_SOCKET_SYSCALL_BPF_H

#include "syscall.bpf.h"
#include "modules/socket/socket_maps.bpf.h"

#define SOCKET_S_IFMT 00170000
#define SOCKET_S_IFSOCK 0140000

/* The socket behind a descriptor of the calling process, or NULL. */
static __always_inline struct sock *socket_of_fd(long fd)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	if (fd < 0 || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	struct file **fds = BPF_CORE_READ(fdt, fd);
	struct file *file = NULL;
	bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]);
	if (!file || (BPF_CORE_READ(file, f_inode, i_mode) & SOCKET_S_IFMT) != SOCKET_S_IFSOCK)
		return NULL;
	struct socket *sock = BPF_CORE_READ(file, private_data);
	return BPF_CORE_READ(sock, sk);
}

static __always_inline void socket_syscall(struct syscall_event *e, int send, int flags)
{
	struct sock *sk = socket_of_fd(SYSCALL_ARG(e, 0));
	if (sk)
		socket_on_msg(sk, BPF_CORE_READ(sk, __sk_common.skc_family), BPF_CORE_READ(sk, sk_protocol), e->ret,
			      flags, send);
}

static __always_inline void socket_on_syscall(struct syscall_event *e)
{
	if (socket_mode != MODE_RETURN || e->side != MODE_RETURN)
		return;
	switch (e->id) {
	case __NR_sendto: case __NR_sendmsg:
		socket_syscall(e, 1, 0);
		break;
	case __NR_recvfrom: /* recvfrom(fd, buf, len, flags, ...) */
		socket_syscall(e, 0, SYSCALL_ARG(e, 3));
		break;
	case __NR_recvmsg: /* recvmsg(fd, msg, flags) */
		socket_syscall(e, 0, SYSCALL_ARG(e, 2));
		break;
	}
}

#endif
