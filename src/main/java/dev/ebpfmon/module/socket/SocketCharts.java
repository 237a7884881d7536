package dev.ebpfmon.module.socket;

import static dev.ebpfmon.module.socket.SocketCounter.TCP_CLOSE;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_CONNECT_V4;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_CONNECT_V6;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_INBOUND;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_RECV_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_RECV_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_RECV_ERR;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_RETRANSMIT;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_SEND_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_SEND_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.TCP_SEND_ERR;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_RECV_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_RECV_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_RECV_ERR;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_SEND_BYTES;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_SEND_CALL;
import static dev.ebpfmon.module.socket.SocketCounter.UDP_SEND_ERR;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.ModuleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Netdata 1.37.1's socket charts: the host charts ({@code ip.*}) from the module's counters, and
 * the apps, cgroup and services layouts of its per-process counters. Every dimension carries what
 * its name says (1.37.1 swaps the call counts of {@code ip.tcp_functions} and {@code ip.tcp_error}
 * and the bytes of {@code ip.total_udp_bandwidth}; see deviations.tsv). Bandwidth is counted in
 * bytes and drawn in kilobits (×8/1000), sent below the axis.
 */
final class SocketCharts {
    private static final String FAMILY = "kernel";
    private static final String NET = "net";
    private static final String CGROUP_FAMILY = "network (eBPF)";
    private static final Dimension RECEIVED = Dimension.incremental("tcp_cleanup_rbuf").named("received");
    private static final Dimension SENT = Dimension.incremental("tcp_sendmsg").named("sent");
    private static final Dimension UDP_RECEIVED = Dimension.incremental("udp_recvmsg").named("received");
    private static final Dimension UDP_SENT = Dimension.incremental("udp_sendmsg").named("sent");
    private static final Dimension CONNECT_V4 = Dimension.incremental("tcp_connect_v4").named("connected_V4");
    private static final Dimension CONNECT_V6 = Dimension.incremental("tcp_connect_v6").named("connected_V6");
    private static final Dimension RETRANSMITTED = Dimension.incremental("tcp_retransmit_skb").named("retransmitted");

    private SocketCharts() {}

    static List<CounterChart> host(ModuleContext c) {
        List<CounterChart> charts = new ArrayList<>();
        // no accept() returns a UDP socket: Netdata's connected_udp is always 0, and so is ours
        charts.add(new CounterChart(chart(c, "inbound_conn", "Inbound connections.", "connections/s", 21070,
                Dimension.incremental("inet_csk_accept_tcp").named("connected_tcp"),
                Dimension.incremental("inet_csk_accept_udp").named("connected_udp")),
                List.of((now, before) -> now[TCP_INBOUND.id()], (now, before) -> 0L)));
        charts.add(CounterChart.of(chart(c, "tcp_outbound_conn", "TCP outbound connections.", "connections/s", 21071,
                CONNECT_V4, CONNECT_V6), TCP_CONNECT_V4.id(), TCP_CONNECT_V6.id()));
        charts.add(CounterChart.of(chart(c, "tcp_functions", "Calls to internal functions", "calls/s", 21072, RECEIVED,
                SENT, Dimension.incremental("tcp_close").named("close")), TCP_RECV_CALL.id(), TCP_SEND_CALL.id(),
                TCP_CLOSE.id()));
        charts.add(CounterChart.of(chart(c, "total_tcp_bandwidth", "TCP bandwidth", "kilobits/s", 21073,
                kilobits(RECEIVED, 1), kilobits(SENT, -1)), TCP_RECV_BYTES.id(), TCP_SEND_BYTES.id()));
        if (c.returnMode()) {
            charts.add(CounterChart.of(chart(c, "tcp_error", "TCP errors", "calls/s", 21074, RECEIVED, SENT),
                    TCP_RECV_ERR.id(), TCP_SEND_ERR.id()));
        }
        charts.add(CounterChart.of(chart(c, "tcp_retransmit", "Packages retransmitted", "calls/s", 21074,
                RETRANSMITTED), TCP_RETRANSMIT.id()));
        charts.add(CounterChart.of(chart(c, "udp_functions", "UDP calls", "calls/s", 21075, UDP_RECEIVED, UDP_SENT),
                UDP_RECV_CALL.id(), UDP_SEND_CALL.id()));
        charts.add(CounterChart.of(chart(c, "total_udp_bandwidth", "UDP bandwidth", "kilobits/s", 21076,
                kilobits(UDP_RECEIVED, 1), kilobits(UDP_SENT, -1)), UDP_RECV_BYTES.id(), UDP_SEND_BYTES.id()));
        if (c.returnMode()) {
            charts.add(CounterChart.of(chart(c, "udp_error", "UDP errors", "calls/s", 21078, UDP_RECEIVED, UDP_SENT),
                    UDP_RECV_ERR.id(), UDP_SEND_ERR.id()));
        }
        return charts;
    }

    private static Dimension kilobits(Dimension bytes, int sign) {
        return bytes.times(8L * sign).dividedBy(1000);
    }

    private static Chart chart(ModuleContext c, String id, String title, String units, int priority,
            Dimension... dimensions) {
        return Chart.builder("ip", id).title(title).units(units).family(FAMILY).priority(priority)
                .updateEvery(c.updateEvery()).module("socket").dimensions(dimensions).build();
    }

    /** Netdata's titles differ between the layouts: "Calls for" in apps, "Calls to" in cgroups and services. */
    static List<GroupChart> groups() {
        return List.of(
                group("outbound_conn_v4", "Calls to tcp_v4_connection", "connections/s", value(TCP_CONNECT_V4), 0,
                        "Calls to tcp_v4_connection", "net_conn_ipv4", CONNECT_V4, "Calls to tcp_v4_connection", 0),
                group("outbound_conn_v6", "Calls to tcp_v6_connection", "connections/s", value(TCP_CONNECT_V6), 1,
                        "Calls to tcp_v6_connection", "net_conn_ipv6", CONNECT_V6, "Calls to tcp_v6_connection", 1),
                group("total_bandwidth_sent", "Bytes sent", "kilobits/s", kilobits(TCP_SEND_BYTES, UDP_SEND_BYTES), 2,
                        "Bytes sent", "net_bytes_send", RECEIVED, "Bytes sent", 3),
                group("total_bandwidth_recv", "bytes received", "kilobits/s", kilobits(TCP_RECV_BYTES, UDP_RECV_BYTES),
                        3, "Bytes received", "net_bytes_recv", SENT, "Bytes received", 2),
                group("bandwidth_tcp_send", "Calls for tcp_sendmsg", "calls/s", value(TCP_SEND_CALL), 4,
                        "Calls to tcp_sendmsg.", "net_tcp_send", RECEIVED, "Calls to tcp_sendmsg.", 5),
                group("bandwidth_tcp_recv", "Calls for tcp_cleanup_rbuf", "calls/s", value(TCP_RECV_CALL), 5,
                        "Calls to tcp_cleanup_rbuf.", "net_tcp_recv", SENT, "Calls to tcp_cleanup_rbuf.", 4),
                group("bandwidth_tcp_retransmit", "Calls for tcp_retransmit", "calls/s", value(TCP_RETRANSMIT), 6,
                        "Calls to tcp_retransmit.", "net_retransmit", RETRANSMITTED, "Calls to tcp_retransmit", 6),
                group("bandwidth_udp_send", "Calls for udp_sendmsg", "calls/s", value(UDP_SEND_CALL), 7,
                        "Calls to udp_sendmsg", "net_udp_send", UDP_SENT, "Calls to udp_sendmsg", 7),
                group("bandwidth_udp_recv", "Calls for udp_recvmsg", "calls/s", value(UDP_RECV_CALL), 8,
                        "Calls to udp_recvmsg", "net_udp_recv", UDP_RECEIVED, "Calls to udp_recvmsg", 8));
    }

    /**
     * One chart in its three layouts; Netdata 1.37.1 gives the cgroup and services bandwidth
     * charts the dimension whose name is the other direction (kept: its ids are what alerts match).
     */
    private static GroupChart group(String id, String appsTitle, String units, GroupChart.Value value, int appsOrder,
            String cgroupTitle, String context, Dimension cgroupDimension, String servicesTitle, int servicesOrder) {
        return GroupChart.builder(id, appsTitle, units, value)
                .apps(NET, 20080 + appsOrder, Algorithm.INCREMENTAL)
                .cgroup(cgroupTitle, "cgroup." + context, CGROUP_FAMILY, 45300 + servicesOrder, ChartType.LINE,
                        cgroupDimension)
                .services(servicesTitle, "services." + context, NET, 20080 + servicesOrder, ChartType.STACKED,
                        Algorithm.INCREMENTAL)
                .build();
    }

    private static GroupChart.Value value(SocketCounter counter) {
        return GroupChart.Value.sum(counter.id());
    }

    /** Bytes of both protocols in kilobits: the floor of a running total, so its growth over time is exact. */
    private static GroupChart.Value kilobits(SocketCounter tcp, SocketCounter udp) {
        return (now, before) -> (now[tcp.id()] + now[udp.id()]) * 8 / 1000;
    }
}
