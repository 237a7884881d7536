package dev.ebpfmon.module.socket;

import static dev.ebpfmon.module.socket.SocketCounter.TCP_CONNECT_V4;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_CONNECT_V6;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_RECV_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_RECV_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_RETRANSMIT;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_SEND_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_SEND_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_RECV_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_RECV_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_SEND_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_SEND_CALL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.module.Scenario;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real BPF over a veth pair between two network namespaces of the test's own: a sender and a
 * receiver with names of their own move known bytes over TCP and known datagrams over UDP, and
 * each side's counters are exactly its calls and bytes; connections out and in are exactly one
 * each in their namespaces, as the namespaces' own /proc/net/snmp says; with every fifth data
 * segment dropped, the sender's retransmits are what its namespace's RetransSegs says. IPv4 and
 * IPv6.
 */
@Tag("kernel")
class SocketNetnsKernelTest {
    static final int CHUNKS = 8;
    static final int CHUNK = 16_384;
    static final int DATAGRAMS = 40;
    static final int DATAGRAM = 512;

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void bothSidesAreCountedExactly(int version) throws Exception {
        try (NetnsPair net = new NetnsPair(); SocketKernel socket = new SocketKernel(null, false)) {
            String to = version == 4 ? net.v4(2) : net.v6(2);
            long activeBefore = net.snmp(net.sender, "ActiveOpens");
            long passiveBefore = net.snmp(net.receiver, "PassiveOpens");
            long retransBefore = net.snmp(net.sender, "RetransSegs");

            int tcpReceiver;
            int tcpSender;
            try (NetPeer rcv = NetPeer.start(net.receiver, "ebpfm-rcv", "tcp-serve", to, "5001", 1, CHUNKS, CHUNK);
                    NetPeer snd = NetPeer.start(net.sender, "ebpfm-snd", "tcp-send", to, "5001", 1, CHUNKS, CHUNK)) {
                snd.await();
                rcv.await();
                tcpReceiver = rcv.pid();
                tcpSender = snd.pid();
            }
            int udpReceiver;
            int udpSender;
            try (NetPeer rcv = NetPeer.start(net.receiver, "ebpfm-rcv", "udp-serve", to, "5002", 1, DATAGRAMS, DATAGRAM);
                    NetPeer snd = NetPeer.start(net.sender, "ebpfm-snd", "udp-send", to, "5002", 1, DATAGRAMS, DATAGRAM)) {
                snd.await();
                rcv.await();
                udpReceiver = rcv.pid();
                udpSender = snd.pid();
            }
            long retransmitted = net.snmp(net.sender, "RetransSegs") - retransBefore; // a tail loss probe, rarely

            long bytes = (long) CHUNKS * CHUNK;
            assertThat(socket.counters(tcpSender)).as("the TCP sender's counters").containsExactly(
                    Scenario.of(SocketCounter.class).put(TCP_SEND_CALL, CHUNKS).put(TCP_SEND_BYTES, bytes)
                            .put(version == 4 ? TCP_CONNECT_V4 : TCP_CONNECT_V6, 1)
                            .put(TCP_RETRANSMIT, retransmitted).toArray());
            assertThat(socket.counters(tcpReceiver)).as("the TCP receiver's counters").containsExactly(
                    Scenario.of(SocketCounter.class).put(TCP_RECV_CALL, CHUNKS).put(TCP_RECV_BYTES, bytes).toArray());
            assertThat(socket.counters(udpSender)).as("the UDP sender's counters").containsExactly(
                    Scenario.of(SocketCounter.class).put(UDP_SEND_CALL, DATAGRAMS)
                            .put(UDP_SEND_BYTES, (long) DATAGRAMS * DATAGRAM).toArray());
            assertThat(socket.counters(udpReceiver)).as("the UDP receiver's counters").containsExactly(
                    Scenario.of(SocketCounter.class).put(UDP_RECV_CALL, DATAGRAMS)
                            .put(UDP_RECV_BYTES, (long) DATAGRAMS * DATAGRAM).toArray());
            assertThat(socket.comm(tcpSender)).isEqualTo("ebpfm-snd");
            assertThat(socket.comm(udpReceiver)).isEqualTo("ebpfm-rcv");

            long[] out = socket.netns(net.inode(net.sender));
            long[] in = socket.netns(net.inode(net.receiver));
            assertThat(out[version == 4 ? NetnsCounts.OUTBOUND_V4 : NetnsCounts.OUTBOUND_V6]).as("outbound connections")
                    .isEqualTo(1).isEqualTo(net.snmp(net.sender, "ActiveOpens") - activeBefore);
            assertThat(out[version == 4 ? NetnsCounts.OUTBOUND_V6 : NetnsCounts.OUTBOUND_V4]).isZero();
            // PassiveOpens counts the children made from a connection request, and two segments completing the
            // handshake on two CPUs at once each make one (the loser is dropped: tcp_v{4,6}_syn_recv_sock's
            // own_req), seen once under the matrix's emulated CPUs: at least our established count, not equal.
            assertThat(in[NetnsCounts.INBOUND_TCP]).as("inbound connections")
                    .isEqualTo(1).isLessThanOrEqualTo(net.snmp(net.receiver, "PassiveOpens") - passiveBefore);
            assertThat(out[NetnsCounts.RETRANSMIT_SEGS]).isEqualTo(retransmitted);
        }
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void retransmitsAgreeWithTheSendersProcNetSnmp(int version) throws Exception {
        try (NetnsPair net = new NetnsPair(); SocketKernel socket = new SocketKernel(null, false)) {
            String to = version == 4 ? net.v4(2) : net.v6(2);
            net.dropEvery(5, 5003);
            long before = net.snmp(net.sender, "RetransSegs");
            int sender;
            try (NetPeer rcv = NetPeer.start(net.receiver, "ebpfm-rcv", "tcp-serve", to, "5003", 1, 16, 65_536);
                    NetPeer snd = NetPeer.start(net.sender, "ebpfm-snd", "tcp-send", to, "5003", 1, 16, 65_536)) {
                snd.await();
                rcv.await();
                sender = snd.pid();
            }
            int netns = net.inode(net.sender);
            long kernel = 0;
            long ours = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && kernel != ours) { // the last segment may still be on its way
                Thread.sleep(50);
                kernel = net.snmp(net.sender, "RetransSegs") - before;
                ours = socket.netns(netns)[NetnsCounts.RETRANSMIT_SEGS];
            }
            assertThat(kernel).as("segments retransmitted in the sender's namespace (its /proc/net/snmp)").isPositive();
            assertThat(ours).as("retransmits counted by the module in that namespace (%s)",
                    net.failedRetransmits(net.sender)).isEqualTo(kernel);
            assertThat(socket.counters(sender)[TCP_RETRANSMIT.id()]).as("the sender's retransmits").isEqualTo(kernel);
        }
    }
}
