/*
 * What the socket module's two halves share (its own object and its part of the syscall
 * dispatcher, loaded on the same maps): settings, maps, and the accounting of one send or
 * receive, one connection's traffic, retransmits and state changes.
 */
#ifndef EBPFMON_SOCKET_MAPS_BPF_H
#define EBPFMON_SOCKET_MAPS_BPF_H

#include <bpf/bpf_endian.h>
#include "pid_record.bpf.h"
#include "modules/socket/socket.h"

#define SOCKET_AF_INET 2
#define SOCKET_AF_INET6 10
#define SOCKET_MSG_PEEK 2
#define SOCKET_EAGAIN 11

MODULE_SETTINGS(socket);
COUNTERS(socket_global, SOCKET_COUNTERS);

/* 1 when the connection table is kept: for the network viewer, or to give retransmits (counted
 * where no process is current) to the process that owns the connection. */
const volatile __u8 socket_connections = 0;

/* Sized by the agent: `ipv4 connection table size`, `ipv6 connection table size`,
 * `udp connection table size` of network.conf. A plain hash, not an LRU: a connection that finds
 * no room is counted in socket_overflow instead of silently pushing out one being counted. */
struct socket_conn_map {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, struct socket_conn_key);
	__type(value, struct socket_conn);
};
struct socket_conn_map socket_conn_v4 SEC(".maps");
struct socket_conn_map socket_conn_v6 SEC(".maps");
struct socket_conn_map socket_conn_udp SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, struct socket_listener);
	__type(value, struct socket_listening);
} socket_listeners SEC(".maps");

/* The process that connected a socket (by its address), known before the connection has its
 * record: a retransmit during the first send() happens before that send returns. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);
	__type(value, __u32);
} socket_owners SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct socket_netns_counts);
} socket_netns SEC(".maps");

COUNTERS(socket_overflow, OVERFLOW_COUNTERS);
COUNTERS(socket_conn_made, CONN_TABLES);

/* The calling process's record, created on its first counted event (process context only). */
static __always_inline void *socket_record(void)
{
	return socket_pid_offset ? pid_record_current(current_tgid()) : NULL;
}

/* Calls, bytes and errors of one send or receive. A receive that only peeks moves no bytes; a
 * call that would block (EAGAIN) is a call, not an error. */
static __always_inline void socket_count_msg(int tcp, int send, long ret, int flags)
{
	__u32 call = tcp ? (send ? SOCKET_TCP_SEND_CALL : SOCKET_TCP_RECV_CALL)
			 : (send ? SOCKET_UDP_SEND_CALL : SOCKET_UDP_RECV_CALL);
	__u64 *host = counters_of(&socket_global);
	void *rec = socket_record();
	count(host, rec, socket_pid_offset, call, 1);
	if (ret > 0 && !(flags & SOCKET_MSG_PEEK))
		count(host, rec, socket_pid_offset, call + 1, ret);
	else if (ret < 0 && ret != -SOCKET_EAGAIN)
		count(host, rec, socket_pid_offset, call + 2, 1);
}

static __always_inline __u32 socket_netns_of(const struct sock *sk)
{
	return BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum);
}

static __always_inline struct socket_netns_counts *socket_netns_counts(__u32 netns)
{
	struct socket_netns_counts *c = bpf_map_lookup_elem(&socket_netns, &netns);
	if (c)
		return c;
	struct socket_netns_counts zero = {};
	bpf_map_update_elem(&socket_netns, &netns, &zero, BPF_NOEXIST);
	return bpf_map_lookup_elem(&socket_netns, &netns);
}

/* The connection of a socket; false for a socket without a local port (not bound yet). */
static __always_inline int socket_conn_key_of(const struct sock *sk, __u8 family, __u8 protocol,
					      struct socket_conn_key *k)
{
	__builtin_memset(k, 0, sizeof(*k));
	k->family = family;
	k->protocol = protocol;
	k->netns = socket_netns_of(sk);
	k->local_port = BPF_CORE_READ(sk, __sk_common.skc_num);
	k->remote_port = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	if (family == SOCKET_AF_INET) {
		__u32 local = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		__u32 remote = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		__builtin_memcpy(k->local_addr, &local, 4);
		__builtin_memcpy(k->remote_addr, &remote, 4);
	} else {
		BPF_CORE_READ_INTO(&k->local_addr, sk, __sk_common.skc_v6_rcv_saddr);
		BPF_CORE_READ_INTO(&k->remote_addr, sk, __sk_common.skc_v6_daddr);
	}
	return k->local_port != 0;
}

/*
 * Which way a connection goes, decided when it is first seen: TCP on a port some socket of the
 * namespace listens on is inbound; a connected UDP socket is outbound, an unconnected one whose
 * first seen operation is a receive is a service (inbound), one that sends first has a
 * destination per datagram that the socket does not hold: not tracked (0).
 */
static __always_inline __u8 socket_direction(const struct socket_conn_key *k, int recv)
{
	if (k->protocol == IPPROTO_UDP) {
		if (k->remote_port)
			return CONN_OUTBOUND;
		return recv ? CONN_INBOUND : 0;
	}
	struct socket_listener l = {.netns = k->netns, .port = k->local_port};
	return bpf_map_lookup_elem(&socket_listeners, &l) ? CONN_INBOUND : CONN_OUTBOUND;
}

/* Who owns a connection seen where no process is current: who connected it, or who listens on its port. */
static __always_inline __u32 socket_owner(const struct sock *sk, const struct socket_conn_key *k)
{
	__u64 address = (__u64)sk;
	__u32 *tgid = bpf_map_lookup_elem(&socket_owners, &address);
	if (tgid)
		return *tgid;
	if (k->protocol != IPPROTO_TCP)
		return 0;
	struct socket_listener l = {.netns = k->netns, .port = k->local_port};
	struct socket_listening *listening = bpf_map_lookup_elem(&socket_listeners, &l);
	return listening ? listening->tgid : 0;
}

/* The name of the calling process (its thread group leader's, as /proc/<tgid>/comm says). */
static __always_inline void socket_process_name(char *comm)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	BPF_CORE_READ_STR_INTO((char (*)[16])comm, task, group_leader, comm);
}

/* What to do when a connection has no record yet: leave it, or make it with a direction known
 * (CONN_INBOUND) or decided by socket_direction for the operation at hand. */
#define SOCKET_FIND_ONLY 0
#define SOCKET_MAKE_ON_SEND 0x10
#define SOCKET_MAKE_ON_RECV 0x20

/* The connection's record in `map`; *direction says how it goes when it was made or missing. */
static __always_inline struct socket_conn *socket_conn_find(void *map, __u32 table, const struct sock *sk,
							    const struct socket_conn_key *k, __u8 make,
							    int in_process, __u8 *direction)
{
	struct socket_conn *c = bpf_map_lookup_elem(map, k);
	if (c || make == SOCKET_FIND_ONLY)
		return c;
	__u8 d = make == SOCKET_MAKE_ON_SEND ? socket_direction(k, 0)
		 : make == SOCKET_MAKE_ON_RECV ? socket_direction(k, 1) : make;
	*direction = d;
	if (!d)
		return NULL;
	struct socket_conn fresh = {};
	fresh.direction = d;
	fresh.first_ns = bpf_ktime_get_ns();
	if (in_process) {
		fresh.tgid = current_tgid();
		socket_process_name(fresh.comm);
	} else {
		fresh.tgid = socket_owner(sk, k);
	}
	if (!bpf_map_update_elem(map, k, &fresh, BPF_NOEXIST))
		counters_add(counters_of(&socket_conn_made), table, 1);
	return bpf_map_lookup_elem(map, k);
}

static __always_inline struct socket_conn *socket_conn_lookup(const struct sock *sk, const struct socket_conn_key *k,
							      __u8 make, int in_process, __u8 *direction)
{
	if (k->protocol == IPPROTO_UDP)
		return socket_conn_find(&socket_conn_udp, CONN_TABLE_UDP, sk, k, make, in_process, direction);
	if (k->family == SOCKET_AF_INET)
		return socket_conn_find(&socket_conn_v4, CONN_TABLE_V4, sk, k, make, in_process, direction);
	return socket_conn_find(&socket_conn_v6, CONN_TABLE_V6, sk, k, make, in_process, direction);
}

static __always_inline void socket_overflow_add(__u8 direction, __u32 out_id, __u64 n)
{
	__u64 *o = counters_of(&socket_overflow);
	counters_add(o, direction == CONN_INBOUND ? out_id + OVERFLOW_IN_SENT_BYTES : out_id, n);
}

/* Bytes of one send or receive on a connection, by the process that made the call. */
static __always_inline void socket_conn_traffic(const struct sock *sk, __u8 family, __u8 protocol, __u64 bytes,
						int send)
{
	struct socket_conn_key k;
	if (!sk || !socket_conn_key_of(sk, family, protocol, &k))
		return;
	__u8 direction = 0;
	struct socket_conn *c = socket_conn_lookup(sk, &k, send ? SOCKET_MAKE_ON_SEND : SOCKET_MAKE_ON_RECV, 1, &direction);
	if (!c) {
		if (direction) {
			socket_overflow_add(direction, send ? OVERFLOW_OUT_SENT_BYTES : OVERFLOW_OUT_RECV_BYTES, bytes);
			socket_overflow_add(direction, send ? OVERFLOW_OUT_SENT_PACKETS : OVERFLOW_OUT_RECV_PACKETS, 1);
			counters_add(counters_of(&socket_overflow), OVERFLOW_EVENTS, 1);
		}
		return;
	}
	if (send) {
		__sync_fetch_and_add(&c->sent_bytes, bytes);
		__sync_fetch_and_add(&c->sent_packets, 1);
	} else {
		__sync_fetch_and_add(&c->recv_bytes, bytes);
		__sync_fetch_and_add(&c->recv_packets, 1);
	}
	c->last_ns = bpf_ktime_get_ns();
	c->flags = 0; /* a socket on the tuple of a destroyed one carries on its record */
	__u32 tgid = current_tgid();
	if (c->tgid != tgid) {
		c->tgid = tgid;
		socket_process_name(c->comm);
	}
}

/* One send or receive of an IPv4/IPv6 TCP or UDP socket; sk may be NULL (a kretprobe has none). */
static __always_inline void socket_on_msg(const struct sock *sk, __u16 family, __u16 protocol, long ret, int flags,
					  int send)
{
	if (family != SOCKET_AF_INET && family != SOCKET_AF_INET6)
		return;
	if (protocol != IPPROTO_TCP && protocol != IPPROTO_UDP)
		return;
	socket_count_msg(protocol == IPPROTO_TCP, send, ret, flags);
	if (socket_connections && ret > 0 && !(flags & SOCKET_MSG_PEEK))
		socket_conn_traffic(sk, family, protocol, ret, send);
}

/* Segments retransmitted on a TCP socket, in whatever context: given to the connection's owner. */
static __always_inline void socket_on_retransmit(const struct sock *sk, const struct sk_buff *skb)
{
	const struct tcp_skb_cb *cb = (const void *)skb->cb;
	__u16 segs = 0;
	bpf_core_read(&segs, sizeof(segs), &cb->tcp_gso_segs);
	if (!segs)
		segs = 1;
	counters_add(counters_of(&socket_global), SOCKET_TCP_RETRANSMIT, segs);
	struct socket_netns_counts *ns = socket_netns_counts(socket_netns_of(sk));
	if (ns)
		__sync_fetch_and_add(&ns->retransmit_segs, segs);
	if (!socket_connections)
		return;
	struct socket_conn_key k;
	__u8 family = BPF_CORE_READ(sk, __sk_common.skc_family);
	if (!socket_conn_key_of(sk, family, IPPROTO_TCP, &k))
		return;
	__u8 direction = 0;
	struct socket_conn *c = socket_conn_lookup(sk, &k, SOCKET_MAKE_ON_SEND, 0, &direction);
	if (!c) {
		socket_overflow_add(direction, OVERFLOW_OUT_RETRANSMITS, segs);
		counters_add(counters_of(&socket_overflow), OVERFLOW_EVENTS, 1);
		return;
	}
	__sync_fetch_and_add(&c->retransmits, segs);
	if (!c->tgid)
		c->tgid = socket_owner(sk, &k);
	__u32 owner = c->tgid;
	if (owner && socket_pid_offset)
		pid_add(pid_record_of(owner), socket_pid_offset, SOCKET_TCP_RETRANSMIT, segs);
}

/*
 * The local port of a socket moving to CLOSE: by the time inet_sock_set_state says so, the kernel
 * has released a port the socket did not bind itself (inet_put_port sets inet_num, the key's
 * local port, to 0); inet_sport still holds it.
 */
static __always_inline __u16 socket_closing_port(const struct sock *sk)
{
	return bpf_ntohs(BPF_CORE_READ((const struct inet_sock *)sk, inet_sport));
}

/* A port starts listening (in listen(): the process is current) or stops. */
static __always_inline void socket_listener_change(const struct sock *sk, int listening)
{
	struct socket_listener l = {.netns = socket_netns_of(sk),
				    .port = listening ? BPF_CORE_READ(sk, __sk_common.skc_num) : socket_closing_port(sk)};
	struct socket_listening *n = bpf_map_lookup_elem(&socket_listeners, &l);
	if (listening) {
		struct socket_listening first = {.sockets = 1, .tgid = current_tgid()};
		if (n) {
			__sync_fetch_and_add(&n->sockets, 1);
			n->tgid = first.tgid;
		} else {
			bpf_map_update_elem(&socket_listeners, &l, &first, BPF_NOEXIST);
		}
	} else if (n) {
		if (n->sockets <= 1)
			bpf_map_delete_elem(&socket_listeners, &l);
		else
			__sync_fetch_and_sub(&n->sockets, 1);
	}
}

/* A TCP connection ends (any state -> CLOSE): the agent reads its record one last time and deletes it. */
static __always_inline void socket_conn_closed(const struct sock *sk, __u16 family)
{
	struct socket_conn_key k;
	__u8 direction = 0;
	socket_conn_key_of(sk, family, IPPROTO_TCP, &k);
	k.local_port = socket_closing_port(sk);
	if (!k.local_port)
		return;
	struct socket_conn *c = socket_conn_lookup(sk, &k, SOCKET_FIND_ONLY, 0, &direction);
	if (c)
		c->flags = CONN_CLOSED;
}

/*
 * A TCP socket's state change: an outbound connection starts (CLOSE -> SYN_SENT, in connect()),
 * an inbound one is established on a listener (SYN_RECV -> ESTABLISHED, in softirq, for no
 * process: counted for the host and the namespace), a port starts or stops listening, a
 * connection ends.
 */
static __always_inline void socket_on_state(const struct sock *sk, int oldstate, int newstate, __u16 family,
					    __u16 protocol)
{
	if (protocol != IPPROTO_TCP || (family != SOCKET_AF_INET && family != SOCKET_AF_INET6))
		return;
	if (oldstate == TCP_CLOSE && newstate == TCP_SYN_SENT) {
		int v4 = family == SOCKET_AF_INET;
		count(counters_of(&socket_global), socket_record(), socket_pid_offset,
		      v4 ? SOCKET_TCP_CONNECT_V4 : SOCKET_TCP_CONNECT_V6, 1);
		if (socket_connections) {
			__u64 address = (__u64)sk;
			__u32 tgid = current_tgid();
			bpf_map_update_elem(&socket_owners, &address, &tgid, BPF_ANY);
		}
		struct socket_netns_counts *ns = socket_netns_counts(socket_netns_of(sk));
		if (ns)
			__sync_fetch_and_add(v4 ? &ns->outbound_v4 : &ns->outbound_v6, 1);
	} else if (oldstate == TCP_SYN_RECV && newstate == TCP_ESTABLISHED) {
		counters_add(counters_of(&socket_global), SOCKET_TCP_INBOUND, 1);
		struct socket_netns_counts *ns = socket_netns_counts(socket_netns_of(sk));
		if (ns)
			__sync_fetch_and_add(&ns->inbound_tcp, 1);
		struct socket_conn_key k;
		__u8 direction = 0;
		if (socket_connections && socket_conn_key_of(sk, family, IPPROTO_TCP, &k))
			socket_conn_lookup(sk, &k, CONN_INBOUND, 0, &direction);
	} else if (newstate == TCP_LISTEN) {
		socket_listener_change(sk, 1);
	} else if (oldstate == TCP_LISTEN) {
		socket_listener_change(sk, 0);
	} else if (newstate == TCP_CLOSE && socket_connections) {
		socket_conn_closed(sk, family);
	}
}

/* A TCP socket is destroyed: counted as closed; who connected it is forgotten. */
static __always_inline void socket_on_destroy(const struct sock *sk)
{
	counters_add(counters_of(&socket_global), SOCKET_TCP_CLOSE, 1);
	if (!socket_connections)
		return;
	__u64 address = (__u64)sk;
	bpf_map_delete_elem(&socket_owners, &address);
}

#endif
