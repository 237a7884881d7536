package dev.ebpfmon.module.socket;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import java.util.List;

/**
 * The network viewer: the connections the kernel tables hold, kept or dropped by the
 * {@code ports}, {@code ips} and {@code hostnames} filters, charted by destination (outbound) and
 * by local service (inbound) under the {@code maximum dimensions} cap, the rest in {@code other};
 * and the live table of the kept connections. The charts carry running totals: a connection's
 * bytes count from when the kernel first saw it, so that the dimensions and {@code other} together
 * carry every byte of every kept connection.
 */
final class NetworkViewer {
    private final NetworkViewerConfig config;
    private final ServiceNames services;
    private final HostnameResolver resolver;
    private final int updateEvery;
    private final Aggregates outbound;
    private final Aggregates inbound;
    private final ConnectionsView view;
    private final long[] overflowBefore = new long[ViewerOverflow.COUNTERS];
    private final long[] delta = new long[Connection.COUNTERS];
    private long tableFullEvents;
    private long tick;
    private long chartsVersion = -1;
    private List<Chart> charts;
    private final Chart capacity;

    /** @param resolver asked for host names when {@code resolve hostnames = yes}; null otherwise */
    NetworkViewer(NetworkViewerConfig config, ServiceNames services, HostnameResolver resolver, int updateEvery) {
        this.config = config;
        this.services = services;
        this.resolver = resolver;
        this.updateEvery = updateEvery;
        this.outbound = new Aggregates(config.maxConnections());
        this.inbound = new Aggregates(config.maxConnections());
        this.view = new ConnectionsView(updateEvery);
        this.capacity = ViewerCharts.capacity(updateEvery);
    }

    /** @param overflow the kernel's socket_overflow counters now (traffic of connections without a record) */
    void collect(Tick tick, List<Connection> live, long[] overflow) {
        this.tick++;
        int kept = 0;
        for (Connection c : live) {
            if (c.verdict == Connection.Verdict.UNDECIDED) {
                c.verdict = verdict(c);
            }
            switch (c.verdict) {
                case KEPT -> {
                    kept++;
                    account(c);
                }
                case DROPPED -> System.arraycopy(c.totals, 0, c.accounted, 0, Connection.COUNTERS);
                case UNDECIDED -> kept++; // its name is being looked up: shown, charted once decided
            }
        }
        addOverflow(overflow);
        outbound.retire(this.tick);
        inbound.retire(this.tick);
        if (chartsVersion != outbound.version() + 31 * inbound.version()) {
            chartsVersion = outbound.version() + 31 * inbound.version();
            charts = ViewerCharts.all(outbound.charted(), inbound.charted(), updateEvery);
        }
        tick.add(sentRecv(charts.get(0), outbound, Connection.SENT_BYTES, Connection.RECV_BYTES));
        tick.add(sentRecv(charts.get(1), outbound, Connection.SENT_PACKETS, Connection.RECV_PACKETS));
        tick.add(retransmits(charts.get(2)));
        tick.add(sentRecv(charts.get(3), inbound, Connection.SENT_BYTES, Connection.RECV_BYTES));
        tick.add(sentRecv(charts.get(4), inbound, Connection.SENT_PACKETS, Connection.RECV_PACKETS));
        int charted = outbound.chartedCount() + inbound.chartedCount();
        int inOther = outbound.inOther() + inbound.inOther();
        tick.add(new Sample(capacity, new long[] {charted, inOther, tableFullEvents}));
        if (tick.wantsTables()) {
            tick.table(view.table(live, kept, config, inOther, tableFullEvents));
        }
    }

    private Connection.Verdict verdict(Connection c) {
        ConnKey k = c.key;
        if (!config.ports().allows(c.servicePort())) {
            return Connection.Verdict.DROPPED;
        }
        if (c.unconnected()) {
            return Connection.Verdict.KEPT; // a service whose peers change per datagram: only its port says
        }
        if (!config.ips().allows(k.remoteAddress())) {
            return Connection.Verdict.DROPPED;
        }
        if (resolver == null || c.inbound) {
            return Connection.Verdict.KEPT;
        }
        HostnameResolver.Answer answer = resolver.nameOf(k.remoteAddress());
        if (!answer.done()) {
            return Connection.Verdict.UNDECIDED;
        }
        // an address without a name is kept, as Netdata keeps it: there is nothing to match
        return answer.name().map(n -> config.hostnames().allows(n) ? Connection.Verdict.KEPT : Connection.Verdict.DROPPED)
                .orElse(Connection.Verdict.KEPT);
    }

    private void account(Connection c) {
        ConnKey k = c.key;
        String proto = k.udp() ? "UDP" : "TCP";
        String service = config.serviceName(c.servicePort(), k.udp(), services);
        Aggregates.Aggregate a;
        if (c.inbound) {
            String id = c.servicePort() + ":" + proto;
            a = inbound.find(id, safe(service + ":" + proto), tick);
        } else {
            byte[] remote = k.remoteAddress();
            String ip = remote.length == 4 ? Addresses.text(remote) : "[" + Addresses.text(remote) + "]";
            String host = resolver == null ? ip : resolver.nameOf(remote).name().orElse(ip);
            a = outbound.find(c.servicePort() + ":" + proto + ":" + ip, safe(service + ":" + proto + ":" + host), tick);
        }
        for (int i = 0; i < delta.length; i++) {
            delta[i] = c.totals[i] - c.accounted[i];
            c.accounted[i] = c.totals[i];
        }
        (c.inbound ? inbound : outbound).add(a, delta);
        c.chartedAs = a.charted ? a.name : (c.inbound ? ViewerCharts.INBOUND_OTHER : ViewerCharts.OUTBOUND_OTHER);
    }

    /** Traffic of connections the kernel had no room for goes to other: there is no telling where it went. */
    private void addOverflow(long[] overflow) {
        for (int i = 0; i < ViewerOverflow.COUNTERS; i++) {
            long grew = overflow[i] - overflowBefore[i];
            if (grew <= 0) {
                continue;
            }
            if (i == ViewerOverflow.EVENTS) {
                tableFullEvents += grew;
            } else {
                Aggregates side = i >= ViewerOverflow.IN_FIRST ? inbound : outbound;
                side.other[ViewerOverflow.counterOf(i)] += grew;
            }
        }
        System.arraycopy(overflow, 0, overflowBefore, 0, overflowBefore.length);
    }

    private static Sample sentRecv(Chart chart, Aggregates side, int sent, int recv) {
        List<Aggregates.Aggregate> charted = side.charted();
        long[] values = new long[2 * charted.size() + 2];
        int i = 0;
        for (Aggregates.Aggregate a : charted) {
            values[i++] = a.totals[sent];
            values[i++] = a.totals[recv];
        }
        values[i++] = side.other[sent];
        values[i] = side.other[recv];
        return new Sample(chart, values);
    }

    private Sample retransmits(Chart chart) {
        List<Aggregates.Aggregate> charted = outbound.charted();
        long[] values = new long[charted.size() + 1];
        int i = 0;
        for (Aggregates.Aggregate a : charted) {
            values[i++] = a.totals[Connection.RETRANSMITS];
        }
        values[i] = outbound.other[Connection.RETRANSMITS];
        return new Sample(chart, values);
    }

    /** Dimension names are written on protocol lines: no blanks, quotes, '=' or backslashes. */
    private static String safe(String name) {
        return name.replaceAll("[\\s'\"=\\\\]", "_");
    }
}
