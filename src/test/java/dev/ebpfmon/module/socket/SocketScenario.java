package dev.ebpfmon.module.socket;

import static dev.ebpfmon.module.socket.SocketCounter.TCP_CONNECT_V4;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_CONNECT_V6;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_INBOUND;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_RECV_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_RECV_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_RECV_ERR;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_SEND_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_SEND_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_SEND_ERR;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_RECV_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_RECV_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_SEND_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_SEND_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_SEND_ERR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.Scenario;
import dev.ebpfmon.module.ScenarioRun;
import java.util.List;

/**
 * TCP over IPv4 and IPv6 loopback (connect, accept, bytes in known chunks), connected UDP over
 * both, and failing calls: sends after shutdown, receives on a listener, UDP sends without an
 * address, and UDP receives that would block (calls, not errors). Both ends are the workload's,
 * so its sends and its receives are the same bytes. The same in both load modes: every way the
 * module reaches the kernel counts at the calls' results. Inbound connections and closes are
 * counted for the host only (they happen in no process's context).
 */
public final class SocketScenario implements Scenario {
    static final long TCP4_BYTES = 32_768;
    static final long TCP6_BYTES = 20_000;
    static final long UDP4 = 25;
    static final long UDP6 = 15;
    static final long FAILS = 3;
    static final long UDP_FAILS = 4;

    @Override
    public List<String> ops() {
        return List.of("tcp-pair:" + TCP4_BYTES, "tcp6-pair:" + TCP6_BYTES, "udp-pair:" + UDP4, "udp6-pair:" + UDP6,
                "tcp-fail:" + FAILS, "udp-fail:" + UDP_FAILS);
    }

    @Override
    public long[] expected(LoadMode mode) {
        long udpBytes = (UDP4 + UDP6) * 100;
        return Scenario.of(SocketCounter.class)
                .put(TCP_SEND_CALL, 4 + 4 + FAILS).put(TCP_SEND_BYTES, TCP4_BYTES + TCP6_BYTES).put(TCP_SEND_ERR, FAILS)
                .put(TCP_RECV_CALL, 4 + 4 + FAILS).put(TCP_RECV_BYTES, TCP4_BYTES + TCP6_BYTES).put(TCP_RECV_ERR, FAILS)
                .put(UDP_SEND_CALL, UDP4 + UDP6 + UDP_FAILS).put(UDP_SEND_BYTES, udpBytes).put(UDP_SEND_ERR, UDP_FAILS)
                .put(UDP_RECV_CALL, UDP4 + UDP6 + UDP_FAILS).put(UDP_RECV_BYTES, udpBytes)
                .put(TCP_CONNECT_V4, 2).put(TCP_CONNECT_V6, 1)
                .toArray();
    }

    /** The three connections the workload accepted were established for the host. */
    @Override
    public void check(ScenarioRun run) {
        assertThat(run.host()[TCP_INBOUND.id()]).as("inbound connections counted for the host").isGreaterThanOrEqualTo(3);
    }
}
