/*
 * ebpfmon-netpeer: one end of a known network exchange, for the socket module's kernel tests,
 * in a network namespace and under a process name of the test's choosing.
 *
 *   ebpfmon-netpeer [--netns NAME] [--name COMM] ROLE ADDR PORT[,PORT...] N CHUNKS CHUNK
 *
 * tcp-serve  listens on ADDR:PORT (each port), prints "ready", then on each port in turn accepts
 *            N connections and receives CHUNKS x CHUNK bytes from each, one recv(MSG_WAITALL)
 *            (recvfrom) per chunk, and closes it
 * tcp-send   for each port in turn, N x: connect to ADDR:PORT, send CHUNKS x CHUNK bytes, one
 *            send (sendto) per chunk, close
 * udp-serve  binds ADDR:PORT, prints "ready", receives N x CHUNKS datagrams of CHUNK bytes, one
 *            recv (recvfrom) each
 * udp-send   connects a UDP socket to ADDR:PORT (each port) and sends N x CHUNKS datagrams of
 *            CHUNK bytes, one send (sendto) each
 * Every call moves exactly what it asks for, or the program exits with status 2. Blocking
 * calls give up after 30 seconds.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define MAX_PORTS 64

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static socklen_t address(const char *text, int port, struct sockaddr_storage *addr)
{
	memset(addr, 0, sizeof(*addr));
	struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
	if (inet_pton(AF_INET, text, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(port);
		return sizeof(*a4);
	}
	if (inet_pton(AF_INET6, text, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(port);
		return sizeof(*a6);
	}
	fprintf(stderr, "not an address: %s\n", text);
	exit(2);
}

static int open_socket(int family, int type)
{
	int s = socket(family, type, 0);
	if (s < 0)
		die("socket");
	struct timeval limit = {30, 0};
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
	setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof(limit));
	int one = 1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	return s;
}

static void ready(void)
{
	printf("ready\n");
	fflush(stdout);
}

static void tcp_serve(const char *addr, int *ports, int nports, long conns, long chunks, long chunk, char *buf)
{
	int listeners[MAX_PORTS];
	for (int p = 0; p < nports; p++) {
		struct sockaddr_storage a;
		socklen_t len = address(addr, ports[p], &a);
		listeners[p] = open_socket(a.ss_family, SOCK_STREAM);
		if (bind(listeners[p], (struct sockaddr *)&a, len) || listen(listeners[p], 64))
			die("listen");
	}
	ready();
	for (int p = 0; p < nports; p++) {
		for (long c = 0; c < conns; c++) {
			int s = accept(listeners[p], NULL, NULL);
			if (s < 0)
				die("accept");
			struct timeval limit = {30, 0};
			setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
			for (long i = 0; i < chunks; i++)
				if (recv(s, buf, chunk, MSG_WAITALL) != chunk)
					die("recv");
			close(s);
		}
		close(listeners[p]);
	}
}

static void tcp_send(const char *addr, int *ports, int nports, long conns, long chunks, long chunk, char *buf)
{
	for (int p = 0; p < nports; p++) {
		for (long c = 0; c < conns; c++) {
			struct sockaddr_storage a;
			socklen_t len = address(addr, ports[p], &a);
			int s = open_socket(a.ss_family, SOCK_STREAM);
			if (connect(s, (struct sockaddr *)&a, len))
				die("connect");
			for (long i = 0; i < chunks; i++)
				if (send(s, buf, chunk, MSG_NOSIGNAL) != chunk)
					die("send");
			close(s);
		}
	}
}

static void udp_serve(const char *addr, int port, long count, long size, char *buf)
{
	struct sockaddr_storage a;
	socklen_t len = address(addr, port, &a);
	int s = open_socket(a.ss_family, SOCK_DGRAM);
	int big = 4 << 20;
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	if (bind(s, (struct sockaddr *)&a, len))
		die("bind");
	ready();
	for (long i = 0; i < count; i++)
		if (recv(s, buf, size, 0) != size)
			die("udp recv");
	close(s);
}

static void udp_send(const char *addr, int *ports, int nports, long count, long size, char *buf)
{
	for (int p = 0; p < nports; p++) {
		struct sockaddr_storage a;
		socklen_t len = address(addr, ports[p], &a);
		int s = open_socket(a.ss_family, SOCK_DGRAM);
		if (connect(s, (struct sockaddr *)&a, len))
			die("udp connect");
		for (long i = 0; i < count; i++)
			if (send(s, buf, size, 0) != size)
				die("udp send");
		close(s);
	}
}

int main(int argc, char **argv)
{
	int i = 1;
	for (; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2) {
		if (!strcmp(argv[i], "--netns")) {
			char path[256];
			snprintf(path, sizeof(path), "/run/netns/%s", argv[i + 1]);
			int fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0 || setns(fd, CLONE_NEWNET))
				die(path);
			close(fd);
		} else if (!strcmp(argv[i], "--name")) {
			if (prctl(PR_SET_NAME, argv[i + 1]))
				die("prctl");
		} else {
			fprintf(stderr, "unknown flag %s\n", argv[i]);
			return 2;
		}
	}
	if (argc - i != 6) {
		fprintf(stderr, "usage: ebpfmon-netpeer [--netns NAME] [--name COMM] "
				"tcp-serve|tcp-send|udp-serve|udp-send ADDR PORT[,PORT...] N CHUNKS CHUNK\n");
		return 2;
	}
	const char *role = argv[i], *addr = argv[i + 1];
	int ports[MAX_PORTS], nports = 0;
	for (char *p = strtok(argv[i + 2], ","); p && nports < MAX_PORTS; p = strtok(NULL, ","))
		ports[nports++] = atoi(p);
	long n = atol(argv[i + 3]), chunks = atol(argv[i + 4]), chunk = atol(argv[i + 5]);
	if (nports == 0 || n < 0 || chunks < 0 || chunk < 1) {
		fprintf(stderr, "bad numbers\n");
		return 2;
	}
	char *buf = calloc(1, chunk);
	if (!buf)
		die("calloc");
	if (!strcmp(role, "tcp-serve"))
		tcp_serve(addr, ports, nports, n, chunks, chunk, buf);
	else if (!strcmp(role, "tcp-send"))
		tcp_send(addr, ports, nports, n, chunks, chunk, buf);
	else if (!strcmp(role, "udp-serve"))
		udp_serve(addr, ports[0], n * chunks, chunk, buf);
	else if (!strcmp(role, "udp-send"))
		udp_send(addr, ports, nports, n * chunks, chunk, buf);
	else {
		fprintf(stderr, "unknown role %s\n", role);
		return 2;
	}
	return 0;
}
