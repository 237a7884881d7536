/*
 * Socket operations for the socket module's scenario: one process moves known bytes over
 * loopback, both ends its own, so that its sends and receives are counted for it alone. Every
 * send and receive is a send()/recv() (sendto/recvfrom), each moving exactly the bytes asked
 * for (receives of TCP wait until everything is queued, then take it in the chunks it was sent).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "../workload.h"

#define CHUNKS 4
#define DATAGRAM 100

struct pair {
	int listener, client, server;
};

static socklen_t loopback(int family, struct sockaddr_storage *addr, int port)
{
	memset(addr, 0, sizeof(*addr));
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)addr;
		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*a);
	}
	struct sockaddr_in6 *a = (struct sockaddr_in6 *)addr;
	a->sin6_family = AF_INET6;
	a->sin6_port = htons(port);
	a->sin6_addr = in6addr_loopback;
	return sizeof(*a);
}

/* listen on loopback (port chosen by the kernel), connect, accept: one connect counted */
static struct pair tcp_pair(int family)
{
	struct pair p;
	struct sockaddr_storage addr;
	socklen_t len = loopback(family, &addr, 0);
	p.listener = socket(family, SOCK_STREAM, 0);
	if (p.listener < 0 || bind(p.listener, (struct sockaddr *)&addr, len) || listen(p.listener, 4))
		die("listen");
	if (getsockname(p.listener, (struct sockaddr *)&addr, &len))
		die("getsockname");
	p.client = socket(family, SOCK_STREAM, 0);
	if (p.client < 0 || connect(p.client, (struct sockaddr *)&addr, len))
		die("connect");
	p.server = accept(p.listener, NULL, NULL);
	if (p.server < 0)
		die("accept");
	return p;
}

static void close_pair(struct pair *p)
{
	close(p->client);
	close(p->server);
	close(p->listener);
}

/* Waits (without socket calls) until `fd` has `bytes` queued to read. */
static void await_queued(int fd, long bytes)
{
	for (int i = 0; i < 10000; i++) {
		int queued = 0;
		if (ioctl(fd, FIONREAD, &queued))
			die("FIONREAD");
		if (queued >= bytes)
			return;
		struct timespec ms = {0, 1000000};
		nanosleep(&ms, NULL);
	}
	fprintf(stderr, "tcp: %ld bytes never arrived\n", bytes);
	exit(2);
}

static void tcp_transfer(int family, long bytes)
{
	struct pair p = tcp_pair(family);
	char *buf = calloc(1, bytes > 0 ? bytes : 1);
	if (!buf)
		die("calloc");
	long chunk = bytes / CHUNKS;
	for (int i = 0; i < CHUNKS; i++) {
		long n = i == CHUNKS - 1 ? bytes - chunk * (CHUNKS - 1) : chunk;
		if (send(p.client, buf, n, 0) != n)
			die("send");
	}
	await_queued(p.server, bytes);
	for (int i = 0; i < CHUNKS; i++) {
		long n = i == CHUNKS - 1 ? bytes - chunk * (CHUNKS - 1) : chunk;
		if (recv(p.server, buf, n, MSG_WAITALL) != n)
			die("recv");
	}
	free(buf);
	close_pair(&p);
}

static void op_tcp_pair(long bytes)
{
	tcp_transfer(AF_INET, bytes);
}
WORKLOAD_OP("tcp-pair", op_tcp_pair, "TCP over 127.0.0.1: listen, connect, accept, B bytes in 4 send + 4 recv "
	    "(sendto/recvfrom), close the three sockets");

static void op_tcp6_pair(long bytes)
{
	tcp_transfer(AF_INET6, bytes);
}
WORKLOAD_OP("tcp6-pair", op_tcp6_pair, "tcp-pair over ::1");

static void udp_transfer(int family, long datagrams)
{
	struct sockaddr_storage a, b;
	socklen_t la = loopback(family, &a, 0), lb = loopback(family, &b, 0);
	int sa = socket(family, SOCK_DGRAM, 0), sb = socket(family, SOCK_DGRAM, 0);
	if (sa < 0 || sb < 0 || bind(sa, (struct sockaddr *)&a, la) || bind(sb, (struct sockaddr *)&b, lb))
		die("udp bind");
	if (getsockname(sa, (struct sockaddr *)&a, &la) || getsockname(sb, (struct sockaddr *)&b, &lb))
		die("getsockname");
	if (connect(sa, (struct sockaddr *)&b, lb) || connect(sb, (struct sockaddr *)&a, la))
		die("udp connect");
	char buf[DATAGRAM] = {0};
	for (long i = 0; i < datagrams; i++)
		if (send(sa, buf, DATAGRAM, 0) != DATAGRAM)
			die("udp send");
	for (long i = 0; i < datagrams; i++)
		if (recv(sb, buf, DATAGRAM, 0) != DATAGRAM)
			die("udp recv");
	close(sa);
	close(sb);
}

static void op_udp_pair(long n)
{
	udp_transfer(AF_INET, n);
}
WORKLOAD_OP("udp-pair", op_udp_pair, "UDP over 127.0.0.1: two connected sockets, N x send of 100 bytes, N x recv");

static void op_udp6_pair(long n)
{
	udp_transfer(AF_INET6, n);
}
WORKLOAD_OP("udp6-pair", op_udp6_pair, "udp-pair over ::1");

static void op_tcp_fail(long n)
{
	struct pair p = tcp_pair(AF_INET);
	char c = 0;
	if (shutdown(p.client, SHUT_WR))
		die("shutdown");
	for (long i = 0; i < n; i++)
		if (send(p.client, &c, 1, MSG_NOSIGNAL) >= 0 || errno != EPIPE)
			die("send after shutdown did not fail with EPIPE");
	for (long i = 0; i < n; i++)
		if (recv(p.listener, &c, 1, 0) >= 0 || errno != ENOTCONN)
			die("recv on a listener did not fail with ENOTCONN");
	close_pair(&p);
}
WORKLOAD_OP("tcp-fail", op_tcp_fail, "a tcp-pair without data (one connect), then N x send after shutdown(SHUT_WR) "
	    "failing with EPIPE and N x recv on the listener failing with ENOTCONN");

static void op_udp_fail(long n)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	char c = 0;
	if (s < 0)
		die("socket");
	for (long i = 0; i < n; i++)
		if (send(s, &c, 1, 0) >= 0 || errno != EDESTADDRREQ)
			die("send without an address did not fail with EDESTADDRREQ");
	for (long i = 0; i < n; i++)
		if (recv(s, &c, 1, MSG_DONTWAIT) >= 0 || errno != EAGAIN)
			die("recv on an empty socket did not fail with EAGAIN");
	close(s);
}
WORKLOAD_OP("udp-fail", op_udp_fail, "an unconnected UDP socket: N x send failing with EDESTADDRREQ, N x recv "
	    "(MSG_DONTWAIT) failing with EAGAIN (would block: a call, not an error)");
