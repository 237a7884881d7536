// SPDX-License-Identifier: GPL-2.0
/*
 * socket module: TCP and UDP calls, bytes and errors, connections in and out, retransmits and
 * closes, and the per-connection table of the network viewer.
 *
 * Tracepoints (what the agent uses wherever they exist, 6.3 and later for the first two):
 *   sock:sock_send_length, sock:sock_recv_length   every send and receive at the socket layer,
 *                                                  with its socket and result (bytes or error)
 *   sock:inet_sock_set_state                       connects, inbound connections, listening ports
 *   tcp:tcp_retransmit_skb                         retransmitted segments (attempts that gave up
 *                                                  before sending left out, 6.13+)
 *   tcp:tcp_destroy_sock                           closed TCP sockets
 * Older kernels have no send/receive tracepoints: Netdata's functions stand in (tcp_sendmsg,
 * udp_sendmsg, udpv6_sendmsg by fexit or kretprobe; tcp_recvmsg, udp_recvmsg, udpv6_recvmsg by
 * kretprobe, whose argument lists changed in 5.19 so that no one fexit program fits every
 * kernel), or, with `ebpf co-re tracing = tracepoint`, the syscall dispatcher
 * (socket.syscall.bpf.h).
 */
#include "modules/socket/socket_maps.bpf.h"

char LICENSE[] SEC("license") = "GPL";

/* ---- sends and receives at the socket layer (6.3+) ---- */

SEC("tp_btf/sock_send_length")
int BPF_PROG(sock_send_length_btf, struct sock *sk, int ret, int flags)
{
	if (sk)
		socket_on_msg(sk, sk->__sk_common.skc_family, sk->sk_protocol, ret, flags, 1);
	return 0;
}

SEC("raw_tp/sock_send_length")
int BPF_PROG(sock_send_length_raw, struct sock *sk, int ret, int flags)
{
	if (sk)
		socket_on_msg(sk, BPF_CORE_READ(sk, __sk_common.skc_family), BPF_CORE_READ(sk, sk_protocol), ret,
			      flags, 1);
	return 0;
}

SEC("tp_btf/sock_recv_length")
int BPF_PROG(sock_recv_length_btf, struct sock *sk, int ret, int flags)
{
	if (sk)
		socket_on_msg(sk, sk->__sk_common.skc_family, sk->sk_protocol, ret, flags, 0);
	return 0;
}

SEC("raw_tp/sock_recv_length")
int BPF_PROG(sock_recv_length_raw, struct sock *sk, int ret, int flags)
{
	if (sk)
		socket_on_msg(sk, BPF_CORE_READ(sk, __sk_common.skc_family), BPF_CORE_READ(sk, sk_protocol), ret,
			      flags, 0);
	return 0;
}

/* ---- connections, retransmits, closes ---- */

SEC("tp_btf/inet_sock_set_state")
int BPF_PROG(inet_sock_set_state_btf, struct sock *sk, int oldstate, int newstate)
{
	socket_on_state(sk, oldstate, newstate, sk->__sk_common.skc_family, sk->sk_protocol);
	return 0;
}

SEC("raw_tp/inet_sock_set_state")
int BPF_PROG(inet_sock_set_state_raw, struct sock *sk, int oldstate, int newstate)
{
	socket_on_state(sk, oldstate, newstate, BPF_CORE_READ(sk, __sk_common.skc_family),
			BPF_CORE_READ(sk, sk_protocol));
	return 0;
}

/* The kernel's own count (RetransSegs) is taken just before the segment is sent, so a send that
 * fails after it still counts. Before 6.13 the tracepoint fired only on success. Since 6.13 it
 * passes the attempt's result as a third argument and fires on every attempt, including those
 * that gave up before RetransSegs was counted: the original still in a host queue (-EBUSY, often
 * on veth and loopback), no window (-EAGAIN), no memory to split or unclone (-ENOMEM), no route
 * (-EHOSTUNREACH), a segment already acknowledged (-EINVAL). Those are not retransmits. The agent
 * picks the _err programs where the kernel's BTF gives the tracepoint three arguments. */
#define SOCKET_ENOMEM 12
#define SOCKET_EBUSY 16
#define SOCKET_EINVAL 22
#define SOCKET_EHOSTUNREACH 113

static __always_inline bool socket_retransmit_counted(int err)
{
	return err != -SOCKET_EBUSY && err != -SOCKET_EAGAIN && err != -SOCKET_ENOMEM &&
	       err != -SOCKET_EHOSTUNREACH && err != -SOCKET_EINVAL;
}

SEC("tp_btf/tcp_retransmit_skb")
int BPF_PROG(tcp_retransmit_skb_btf, struct sock *sk, struct sk_buff *skb)
{
	socket_on_retransmit(sk, skb);
	return 0;
}

SEC("raw_tp/tcp_retransmit_skb")
int BPF_PROG(tcp_retransmit_skb_raw, struct sock *sk, struct sk_buff *skb)
{
	socket_on_retransmit(sk, skb);
	return 0;
}

SEC("tp_btf/tcp_retransmit_skb")
int BPF_PROG(tcp_retransmit_skb_err_btf, struct sock *sk, struct sk_buff *skb, int err)
{
	if (socket_retransmit_counted(err))
		socket_on_retransmit(sk, skb);
	return 0;
}

SEC("raw_tp/tcp_retransmit_skb")
int BPF_PROG(tcp_retransmit_skb_err_raw, struct sock *sk, struct sk_buff *skb, int err)
{
	if (socket_retransmit_counted(err))
		socket_on_retransmit(sk, skb);
	return 0;
}

SEC("tp_btf/tcp_destroy_sock")
int BPF_PROG(tcp_destroy_sock_btf, struct sock *sk)
{
	socket_on_destroy(sk);
	return 0;
}

SEC("raw_tp/tcp_destroy_sock")
int BPF_PROG(tcp_destroy_sock_raw, struct sock *sk)
{
	socket_on_destroy(sk);
	return 0;
}

/* ---- Netdata's functions, for kernels without the send/receive tracepoints ---- */

SEC("fexit")
int BPF_PROG(fexit_tcp_sendmsg, struct sock *sk, struct msghdr *msg, size_t size, int ret)
{
	socket_on_msg(sk, sk->__sk_common.skc_family, IPPROTO_TCP, ret, 0, 1);
	return 0;
}

/* udpv6_sendmsg hands IPv4-mapped destinations to udp_sendmsg: counted once, as IPv6. */
SEC("fexit")
int BPF_PROG(fexit_udp_sendmsg, struct sock *sk, struct msghdr *msg, size_t len, int ret)
{
	if (sk->__sk_common.skc_family == SOCKET_AF_INET)
		socket_on_msg(sk, SOCKET_AF_INET, IPPROTO_UDP, ret, 0, 1);
	return 0;
}

SEC("fexit")
int BPF_PROG(fexit_udpv6_sendmsg, struct sock *sk, struct msghdr *msg, size_t len, int ret)
{
	socket_on_msg(sk, SOCKET_AF_INET6, IPPROTO_UDP, ret, 0, 1);
	return 0;
}

/* A kretprobe of a send sees the result only: counters, but no socket for the connection table
 * (the fexit programs above, which kernels with kprobes mostly have too, see both). */
SEC("kretprobe")
int BPF_KRETPROBE(kretprobe_tcp_sendmsg, int ret)
{
	socket_on_msg(NULL, SOCKET_AF_INET, IPPROTO_TCP, ret, 0, 1);
	return 0;
}

SEC("kretprobe")
int BPF_KRETPROBE(kretprobe_udp_sendmsg, int ret)
{
	socket_on_msg(NULL, SOCKET_AF_INET, IPPROTO_UDP, ret, 0, 1);
	return 0;
}

/*
 * Receives have kretprobes only: the socket, their first argument whatever the kernel, is kept by
 * a kprobe at entry for the kretprobe (and the connection table) to find.
 */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64);  /* pid_tgid: one receive in progress per thread */
	__type(value, __u64);
} socket_receiving SEC(".maps");

SEC("kprobe")
int BPF_KPROBE(kprobe_recvmsg_entry, struct sock *sk)
{
	__u64 thread = bpf_get_current_pid_tgid();
	__u64 address = (__u64)sk;
	bpf_map_update_elem(&socket_receiving, &thread, &address, BPF_ANY);
	return 0;
}

static __always_inline const struct sock *socket_received_on(void)
{
	__u64 thread = bpf_get_current_pid_tgid();
	__u64 *address = bpf_map_lookup_elem(&socket_receiving, &thread);
	if (!address)
		return NULL;
	const struct sock *sk = (const struct sock *)*address;
	bpf_map_delete_elem(&socket_receiving, &thread);
	return sk;
}

SEC("kretprobe")
int BPF_KRETPROBE(kretprobe_tcp_recvmsg, int ret)
{
	const struct sock *sk = socket_received_on();
	socket_on_msg(sk, sk ? BPF_CORE_READ(sk, __sk_common.skc_family) : SOCKET_AF_INET, IPPROTO_TCP, ret, 0, 0);
	return 0;
}

SEC("kretprobe")
int BPF_KRETPROBE(kretprobe_udp_recvmsg, int ret)
{
	const struct sock *sk = socket_received_on();
	socket_on_msg(sk, sk ? BPF_CORE_READ(sk, __sk_common.skc_family) : SOCKET_AF_INET, IPPROTO_UDP, ret, 0, 0);
	return 0;
}
