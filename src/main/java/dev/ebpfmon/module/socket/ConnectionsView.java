package dev.ebpfmon.module.socket;

import dev.ebpfmon.chart.LiveTable;
import dev.ebpfmon.chart.LiveTable.Column;
import dev.ebpfmon.chart.LiveTable.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The live connections table ({@code connections}: /api/v1/connections, the dashboard,
 * {@code ebpfmon top --by connection}): every connection the viewer keeps, busiest first, at most
 * {@value #MAX_ROWS} rows, with notes when the caps were reached.
 */
final class ConnectionsView {
    static final String ID = "connections";
    static final int MAX_ROWS = 500;
    static final List<Column> COLUMNS = List.of(
            new Column("pid", "PID", Kind.NUMBER),
            new Column("process", "Process", Kind.TEXT),
            new Column("direction", "Dir", Kind.TEXT),
            new Column("protocol", "Proto", Kind.TEXT),
            new Column("local", "Local", Kind.TEXT),
            new Column("remote", "Remote", Kind.TEXT),
            new Column("sent_rate", "Sent/s", Kind.BYTES_PER_SECOND),
            new Column("received_rate", "Rcvd/s", Kind.BYTES_PER_SECOND),
            new Column("sent", "Sent", Kind.BYTES),
            new Column("received", "Rcvd", Kind.BYTES),
            new Column("sent_packets", "Pkts out", Kind.NUMBER),
            new Column("received_packets", "Pkts in", Kind.NUMBER),
            new Column("retransmits", "Retrans", Kind.NUMBER),
            new Column("state", "State", Kind.TEXT),
            new Column("charted_as", "Charted as", Kind.TEXT));

    private final int updateEvery;

    ConnectionsView(int updateEvery) {
        this.updateEvery = updateEvery;
    }

    /**
     * @param kept     connections the filters keep (or that wait for their host name)
     * @param inOther  destinations and services counted in other, over the cap
     * @param tableFull events of connections the kernel tables had no room for, so far
     */
    LiveTable table(List<Connection> live, int kept, NetworkViewerConfig config, int inOther, long tableFull) {
        List<Connection> shown = new ArrayList<>(kept);
        for (Connection c : live) {
            if (c.verdict != Connection.Verdict.DROPPED) {
                shown.add(c);
            }
        }
        shown.sort(Comparator.comparingLong((Connection c) -> -(c.deltas[Connection.SENT_BYTES]
                + c.deltas[Connection.RECV_BYTES])).thenComparingLong(c -> -(c.totals[Connection.SENT_BYTES]
                + c.totals[Connection.RECV_BYTES])));
        List<List<Object>> rows = new ArrayList<>(Math.min(shown.size(), MAX_ROWS));
        for (Connection c : shown.subList(0, Math.min(shown.size(), MAX_ROWS))) {
            rows.add(row(c));
        }
        List<String> notes = new ArrayList<>();
        notes.add(kept + " of " + live.size() + " connections in the kernel's tables are kept by ports, ips and hostnames");
        if (shown.size() > MAX_ROWS) {
            notes.add("showing the " + MAX_ROWS + " busiest of " + shown.size());
        }
        if (inOther > 0) {
            notes.add("maximum dimensions reached (" + config.maxConnections() + " per direction): " + inOther
                    + " destinations and services are counted in other");
        }
        if (tableFull > 0) {
            notes.add("the kernel's connection tables were full: " + tableFull
                    + " events of connections without a record are counted in other");
        }
        return new LiveTable(ID, "Network connections", COLUMNS, rows, notes, updateEvery);
    }

    private List<Object> row(Connection c) {
        ConnKey k = c.key;
        return List.of((long) c.tgid, c.comm.isEmpty() ? "-" : c.comm, c.inbound ? "in" : "out", k.udp() ? "UDP" : "TCP",
                endpoint(k.localAddress(), k.localPort()), c.unconnected() ? "*" : endpoint(k.remoteAddress(), k.remotePort()),
                (double) c.deltas[Connection.SENT_BYTES] / updateEvery, (double) c.deltas[Connection.RECV_BYTES] / updateEvery,
                c.totals[Connection.SENT_BYTES], c.totals[Connection.RECV_BYTES], c.totals[Connection.SENT_PACKETS],
                c.totals[Connection.RECV_PACKETS], c.totals[Connection.RETRANSMITS], c.closed ? "closed" : "open",
                c.verdict == Connection.Verdict.UNDECIDED ? "(resolving host)" : c.chartedAs);
    }

    static String endpoint(byte[] address, int port) {
        String text = Addresses.text(address);
        return (address.length == 16 ? "[" + text + "]" : text) + ":" + port;
    }
}
