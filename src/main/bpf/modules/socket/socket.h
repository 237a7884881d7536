/*
 * socket module: counter ids and the records of its maps, shared with Java
 * (dev.ebpfmon.module.socket: SocketCounter, ConnKey, ConnectionTable, NetnsCounts, ViewerOverflow; same
 * order, same layout).
 */
#ifndef EBPFMON_SOCKET_H
#define EBPFMON_SOCKET_H

/* Host-wide (socket_global) and per process (the shared record). */
enum socket_counter {
	SOCKET_TCP_SEND_CALL = 0,
	SOCKET_TCP_SEND_BYTES = 1,
	SOCKET_TCP_SEND_ERR = 2,
	SOCKET_TCP_RECV_CALL = 3,
	SOCKET_TCP_RECV_BYTES = 4,
	SOCKET_TCP_RECV_ERR = 5,
	SOCKET_UDP_SEND_CALL = 6,
	SOCKET_UDP_SEND_BYTES = 7,
	SOCKET_UDP_SEND_ERR = 8,
	SOCKET_UDP_RECV_CALL = 9,
	SOCKET_UDP_RECV_BYTES = 10,
	SOCKET_UDP_RECV_ERR = 11,
	SOCKET_TCP_CONNECT_V4 = 12,   /* CLOSE -> SYN_SENT of an IPv4 socket, in connect() */
	SOCKET_TCP_CONNECT_V6 = 13,
	SOCKET_TCP_RETRANSMIT = 14,   /* segments, as /proc/net/snmp's RetransSegs counts them */
	SOCKET_TCP_CLOSE = 15,        /* TCP sockets destroyed; host only (often not in the owner's context) */
	SOCKET_TCP_INBOUND = 16,      /* SYN_RECV -> ESTABLISHED on a listener; host only (softirq) */
	SOCKET_COUNTERS = 17,
};

/* Per network namespace (socket_netns): what /proc/net/snmp of that namespace can be held against. */
struct socket_netns_counts {
	__u64 inbound_tcp;
	__u64 outbound_v4;
	__u64 outbound_v6;
	__u64 retransmit_segs;
};

/* Traffic of connections the kernel table had no room for (socket_overflow, one per-CPU slot). */
enum socket_overflow {
	OVERFLOW_OUT_SENT_BYTES = 0,
	OVERFLOW_OUT_RECV_BYTES = 1,
	OVERFLOW_OUT_SENT_PACKETS = 2,
	OVERFLOW_OUT_RECV_PACKETS = 3,
	OVERFLOW_OUT_RETRANSMITS = 4,
	OVERFLOW_IN_SENT_BYTES = 5,
	OVERFLOW_IN_RECV_BYTES = 6,
	OVERFLOW_IN_SENT_PACKETS = 7,
	OVERFLOW_IN_RECV_PACKETS = 8,
	OVERFLOW_IN_RETRANSMITS = 9,
	OVERFLOW_EVENTS = 10,         /* events of connections that found no room */
	OVERFLOW_COUNTERS = 11,
};

/* Records each connection table was given (socket_conn_made, one per-CPU slot): a table the agent
 * emptied, whose count has not moved since, holds nothing and is not walked. */
enum socket_conn_table {
	CONN_TABLE_V4 = 0,
	CONN_TABLE_V6 = 1,
	CONN_TABLE_UDP = 2,
	CONN_TABLES = 3,
};

#define CONN_OUTBOUND 1
#define CONN_INBOUND 2
/* the socket was destroyed: the agent reads the entry one last time and deletes it */
#define CONN_CLOSED 1

/* One connection: addresses as the socket holds them (network order), ports in host order. */
struct socket_conn_key {
	__u8 local_addr[16];  /* IPv4 in the first 4 bytes */
	__u8 remote_addr[16];
	__u32 netns;          /* inode of the network namespace */
	__u16 local_port;
	__u16 remote_port;
	__u8 family;          /* AF_INET or AF_INET6 */
	__u8 protocol;        /* IPPROTO_TCP or IPPROTO_UDP */
	__u8 pad[6];
};

struct socket_conn {
	__u64 sent_bytes;
	__u64 recv_bytes;
	__u64 sent_packets;   /* send calls, as Netdata counts packets */
	__u64 recv_packets;
	__u64 retransmits;    /* segments */
	__u64 first_ns;
	__u64 last_ns;
	__u32 tgid;           /* the process that last used it; 0 before one did */
	__u8 direction;       /* CONN_OUTBOUND or CONN_INBOUND */
	__u8 flags;           /* CONN_CLOSED */
	__u16 pad;
	char comm[16];
};

_Static_assert(sizeof(struct socket_conn_key) == 48, "the connection key is 48 bytes");
_Static_assert(sizeof(struct socket_conn) == 80, "the connection record is 80 bytes");
_Static_assert(sizeof(struct socket_netns_counts) == 32, "the namespace record is 32 bytes");

/* A listening port of a namespace (socket_listeners): connections on it are inbound. */
struct socket_listener {
	__u32 netns;
	__u16 port;
	__u16 pad;
};

struct socket_listening {
	__u32 sockets;  /* listening on the port */
	__u32 tgid;     /* the process that listened last: the owner of connections it has not used yet */
};

#endif
