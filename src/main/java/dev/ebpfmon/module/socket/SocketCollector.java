package dev.ebpfmon.module.socket;

import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.CounterCollector;
import dev.ebpfmon.module.HostCounters;

/**
 * Collects the socket module: the host charts from its counters, the retransmits against
 * /proc/net/snmp, and, when the connection table is kept, the table itself (closed and idle
 * connections leave it every tick, so it keeps room) and the network viewer over it.
 */
final class SocketCollector implements Collector {
    private final CounterCollector host;
    private final RetransmitTwin twin;
    private final NetnsCounts netns;
    private final ConnectionTable connections;
    private final HostCounters overflow;
    private final NetworkViewer viewer;
    private final HostnameResolver resolver;
    private final long[] overflowNow = new long[ViewerOverflow.COUNTERS];

    /** @param connections, overflow null when no connection table is kept; viewer, resolver null when off */
    SocketCollector(CounterCollector host, RetransmitTwin twin, NetnsCounts netns, ConnectionTable connections,
            HostCounters overflow, NetworkViewer viewer, HostnameResolver resolver) {
        this.host = host;
        this.twin = twin;
        this.netns = netns;
        this.connections = connections;
        this.overflow = overflow;
        this.viewer = viewer;
        this.resolver = resolver;
    }

    @Override
    public void collect(Tick tick) {
        host.collect(tick);
        twin.collect(tick);
        if (connections == null) {
            return;
        }
        var live = connections.read();
        if (viewer != null) {
            overflow.read(overflowNow);
            viewer.collect(tick, live, overflowNow);
        }
    }

    @Override
    public void close() {
        if (resolver != null) {
            resolver.close();
        }
        if (connections != null) {
            connections.close();
            overflow.close();
        }
        twin.close();
        netns.close();
        host.close();
    }
}
