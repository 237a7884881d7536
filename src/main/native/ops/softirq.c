/* Softirq load for the softirq module's kernel test: loopback traffic (NET_RX; NET_TX and HRTIMER
 * too where a shaping qdisc on lo delays it). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "../workload.h"

static void op_udp_loop(long ms)
{
	int rx = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	int tx = socket(AF_INET, SOCK_DGRAM, 0);
	if (rx < 0 || tx < 0)
		die("udp-loop: socket");
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(to);
	if (bind(rx, (struct sockaddr *)&to, sizeof(to)) || getsockname(rx, (struct sockaddr *)&to, &len))
		die("udp-loop: bind");
	char buf[1000];
	memset(buf, 'u', sizeof(buf));
	struct timespec pause = {.tv_nsec = 1000000};
	for (long end = now_ns() + ms * 1000000; now_ns() < end;) {
		for (int i = 0; i < 32; i++)
			sendto(tx, buf, sizeof(buf), 0, (struct sockaddr *)&to, sizeof(to)); /* a full queue drops */
		while (recv(rx, buf, sizeof(buf), 0) > 0)
			;
		nanosleep(&pause, NULL);
	}
	close(rx);
	close(tx);
}
WORKLOAD_OP("udp-loop", op_udp_loop, "for N ms: 32 x sendto(1000-byte UDP datagram to its own socket on 127.0.0.1), "
	    "recv until empty, nanosleep(1 ms); socket, bind, getsockname and close around");
