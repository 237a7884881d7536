// SPDX-License-Identifier: GPL-2.0
/*
 * socket module: TCP and UDP calls, bytes and errors, connections in and out, retransmits and
 * closes, and the per-connection table of the network viewer.
 *
 * Tracepoints (what the agent uses wherever they exist, 6.3 and later for the first two):
 *   sock:sock_send_length, sock:sock_recv_length   every send and receive at the socket layer,
 *                                                  with its socket and result (bytes or error)
 *   sock:inet_sock_set_state                       connects, inbound connections, listening ports
 *   tcp:tcp_retransmit_skb                         retransmitted segments
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

/* The kernel's own count (RetransSegs) is taken before the segment is sent; since 6.13 the
 * tracepoint also fires when sending failed (with the error), before that only on success. */
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

/* A kretprobe sees the result only: counters, but no socket for the connection table. */
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

SEC("kretprobe")
int BPF_KRETPROBE(kretprobe_tcp_recvmsg, int ret)
{
	socket_on_msg(NULL, SOCKET_AF_INET, IPPROTO_TCP, ret, 0, 0);
	return 0;
}

SEC("kretprobe")
int BPF_KRETPROBE(kretprobe_udp_recvmsg, int ret)
{
	socket_on_msg(NULL, SOCKET_AF_INET, IPPROTO_UDP, ret, 0, 0);
	return 0;
}
