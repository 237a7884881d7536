package dev.ebpfmon.module.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.LiveTable;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.MapReader;
import dev.ebpfmon.module.HostCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The network viewer on real traffic between two namespaces of the test's own: the ports and ips
 * filters keep exactly the connections they name; with a maximum that admits three connections
 * and ten destinations, three get dimensions and other carries the rest, every byte accounted;
 * closed connections are shown closed once and leave the tables; a kernel table smaller than the
 * traffic stays at its size and says so.
 */
@Tag("kernel")
class SocketViewerKernelTest {
    static final int CHUNK = 1000;

    private static String conf(NetnsPair net, String... lines) {
        return "[network connections]\n    ips = 10." + net.subnet + ".0.0/24 fd77:" + Integer.toHexString(net.subnet)
                + "::/64\n" + String.join("\n", lines) + "\n";
    }

    private static String ports(int first, int count) {
        return String.join(",", IntStream.range(first, first + count).mapToObj(Integer::toString).toList());
    }

    /** One connection per port, `chunks` x CHUNK bytes each, from the sender to a receiver listening on them all. */
    private static void exchange(NetnsPair net, String to, String ports, int chunks) throws Exception {
        try (NetPeer rcv = NetPeer.start(net.receiver, "ebpfm-rcv", "tcp-serve", to, ports, 1, chunks, CHUNK);
                NetPeer snd = NetPeer.start(net.sender, "ebpfm-snd", "tcp-send", to, ports, 1, chunks, CHUNK)) {
            snd.await();
            rcv.await();
        }
    }

    /** A chart's values by dimension id. */
    private static Map<String, Long> values(Tick tick, String chart) {
        Sample s = SocketKernel.sample(tick, chart);
        Map<String, Long> values = new LinkedHashMap<>();
        List<Dimension> dimensions = s.chart().dimensions();
        for (int i = 0; i < dimensions.size(); i++) {
            values.put(dimensions.get(i).id(), s.values()[i]);
        }
        return values;
    }

    private static LiveTable table(Tick tick) {
        return tick.tables().stream().filter(t -> t.id().equals("connections")).findFirst().orElseThrow();
    }

    private static List<Object> column(LiveTable table, String id) {
        int i = IntStream.range(0, table.columns().size()).filter(c -> table.columns().get(c).id().equals(id))
                .findFirst().orElseThrow();
        return table.rows().stream().map(r -> r.get(i)).toList();
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void thePortsFilterKeepsExactlyThePortsItNames(int version) throws Exception {
        try (NetnsPair net = new NetnsPair();
                SocketKernel socket = new SocketKernel(conf(net, "    ports = 47001 47003"), true)) {
            String to = version == 4 ? net.v4(2) : net.v6(2);
            String host = version == 4 ? to : "[" + to + "]";
            exchange(net, to, ports(47000, 5), 2);
            Tick tick = socket.collect();

            assertThat(values(tick, "ebpf.outbound_bytes")).containsExactly(
                    Map.entry("47001:TCP:" + host + "_sent", 2L * CHUNK), Map.entry("47001:TCP:" + host + "_recv", 0L),
                    Map.entry("47003:TCP:" + host + "_sent", 2L * CHUNK), Map.entry("47003:TCP:" + host + "_recv", 0L),
                    Map.entry("other:ALL:other_sent", 0L), Map.entry("other:ALL:other_recv", 0L));
            assertThat(values(tick, "ebpf.inbound_bytes")).containsExactly(
                    Map.entry("47001:TCP_sent", 0L), Map.entry("47001:TCP_recv", 2L * CHUNK),
                    Map.entry("47003:TCP_sent", 0L), Map.entry("47003:TCP_recv", 2L * CHUNK),
                    Map.entry("other:ALL_sent", 0L), Map.entry("other:ALL_recv", 0L));
            LiveTable table = table(tick);
            List<String> rows = IntStream.range(0, table.rows().size()).mapToObj(i -> column(table, "direction").get(i)
                    + " " + (column(table, "direction").get(i).equals("out") ? column(table, "remote")
                            : column(table, "local")).get(i)).sorted().toList();
            assertThat(rows).containsExactly("in " + host + ":47001", "in " + host + ":47003",
                    "out " + host + ":47001", "out " + host + ":47003");
        }
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void theIpsFilterKeepsExactlyTheAddressesItNames(int version) throws Exception {
        try (NetnsPair net = new NetnsPair()) {
            String kept = version == 4 ? net.v4(3) : net.v6(3);
            String other = version == 4 ? net.v4(2) : net.v6(2);
            String conf = "[network connections]\n    ips = " + kept + "\n    ports = 47010\n";
            try (SocketKernel socket = new SocketKernel(conf, true)) {
                exchange(net, other, "47010", 2);
                exchange(net, kept, "47010", 3);
                Tick tick = socket.collect();
                String host = version == 4 ? kept : "[" + kept + "]";
                assertThat(values(tick, "ebpf.outbound_bytes")).containsExactly(
                        Map.entry("47010:TCP:" + host + "_sent", 3L * CHUNK), Map.entry("47010:TCP:" + host + "_recv", 0L),
                        Map.entry("other:ALL:other_sent", 0L), Map.entry("other:ALL:other_recv", 0L));
                // the receiver's connections come from the sender's address, which the list does not name
                assertThat(values(tick, "ebpf.inbound_bytes")).containsOnlyKeys("other:ALL_sent", "other:ALL_recv");
                assertThat(column(table(tick), "remote")).containsExactly(
                        (version == 4 ? kept : "[" + kept + "]") + ":47010");
            }
        }
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void threeConnectionsAndOtherCarryAllTheBytesOfTen(int version) throws Exception {
        try (NetnsPair net = new NetnsPair();
                SocketKernel socket = new SocketKernel(conf(net, "    maximum dimensions = 6",
                        "    ports = 47100:47119"), true)) {
            String to = version == 4 ? net.v4(2) : net.v6(2);
            exchange(net, to, ports(47100, 10), 3);
            Tick tick = socket.collect();

            Map<String, Long> out = values(tick, "ebpf.outbound_bytes");
            assertThat(out).hasSize(3 * 2 + 2);
            assertThat(out.entrySet().stream().filter(e -> e.getKey().endsWith("_sent") && !e.getKey().startsWith("other"))
                    .map(Map.Entry::getValue)).containsExactly(3L * CHUNK, 3L * CHUNK, 3L * CHUNK);
            assertThat(out.get("other:ALL:other_sent")).isEqualTo(7L * 3 * CHUNK);
            Map<String, Long> in = values(tick, "ebpf.inbound_bytes");
            assertThat(in).hasSize(3 * 2 + 2);
            assertThat(in.entrySet().stream().filter(e -> e.getKey().endsWith("_recv")).mapToLong(Map.Entry::getValue).sum())
                    .as("every byte received, in three dimensions and other").isEqualTo(10L * 3 * CHUNK);
            assertThat(values(tick, "ebpf.network_viewer_capacity")).containsEntry("charted", 6L).containsEntry("other", 14L);
            assertThat(table(tick).notes()).anyMatch(n -> n.startsWith("maximum dimensions reached"));

            // ten more destinations: the charts do not grow, other takes them
            exchange(net, to, ports(47110, 10), 3);
            Tick more = socket.collect();
            assertThat(values(more, "ebpf.outbound_bytes")).hasSize(3 * 2 + 2)
                    .containsEntry("other:ALL:other_sent", 17L * 3 * CHUNK);
        }
    }

    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void closedConnectionsAreShownClosedOnceAndLeaveTheKernelTable(int version) throws Exception {
        try (NetnsPair net = new NetnsPair();
                SocketKernel socket = new SocketKernel(conf(net, "    ports = 47300:47302"), true)) {
            String to = version == 4 ? net.v4(2) : net.v6(2);
            exchange(net, to, ports(47300, 3), 2);
            // both peers have exited: their sockets close within the veth's round trips
            Map<String, List<String>> states = new TreeMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int ours;
            do {
                LiveTable table = table(socket.collect());
                List<Object> direction = column(table, "direction");
                List<Object> local = column(table, "local");
                List<Object> remote = column(table, "remote");
                List<Object> state = column(table, "state");
                ours = table.rows().size();
                for (int i = 0; i < ours; i++) {
                    states.computeIfAbsent(direction.get(i) + " " + local.get(i) + " " + remote.get(i),
                            k -> new ArrayList<>()).add((String) state.get(i));
                }
                Thread.sleep(100);
            } while (ours > 0 && System.nanoTime() < deadline);
            assertThat(ours).as("connections left in the table 5 s after both ends exited").isZero();
            assertThat(states).as("three connections, each seen from both ends").hasSize(6);
            assertThat(states.values()).allSatisfy(s -> assertThat(s).endsWith("closed").containsOnlyOnce("closed"));
            int[] namespaces = {net.inode(net.sender), net.inode(net.receiver)};
            assertThat(entriesOf(socket, version == 4 ? SocketModule.CONN_V4 : SocketModule.CONN_V6, namespaces))
                    .as("records of the test's namespaces in the kernel table").isZero();
        }
    }

    @Test
    void aTableLeftEmptyIsNotWalkedUntilTheKernelAddsToIt() throws Exception {
        int v6 = 1; // socket.h, enum socket_conn_table
        try (NetnsPair net = new NetnsPair();
                SocketKernel socket = new SocketKernel(conf(net, "    ports = 47400"), true);
                HostCounters made = new HostCounters(socket.modules.objects().map(SocketModule.OBJECT,
                        SocketModule.CONN_MADE), 3);
                ConnectionTable table = new ConnectionTable(List.of(
                        socket.modules.objects().map(SocketModule.OBJECT, SocketModule.CONN_V4),
                        socket.modules.objects().map(SocketModule.OBJECT, SocketModule.CONN_V6),
                        socket.modules.objects().map(SocketModule.OBJECT, SocketModule.CONN_UDP)), made)) {
            table.read();
            assertThat(table.walks(v6)).as("a table is walked the first time").isEqualTo(1);
            table.read();
            assertThat(table.walks(v6)).as("the IPv6 table, empty on this machine but for our traffic, is not walked"
                    + " again").isEqualTo(1);

            exchange(net, net.v6(2), "47400", 2);
            long[] byTable = new long[3];
            made.read(byTable);
            assertThat(byTable[v6]).as("records made in the IPv6 table: our connection, seen from both ends")
                    .isGreaterThanOrEqualTo(2);
            int sender = net.inode(net.sender);
            long sent = table.read().stream()
                    .filter(c -> !c.inbound && c.key.netns() == sender && c.key.remotePort() == 47400)
                    .mapToLong(c -> c.deltas[Connection.SENT_BYTES]).sum();
            assertThat(table.walks(v6)).isEqualTo(2);
            assertThat(sent).as("bytes our connection sent, read at the walk the new records caused")
                    .isEqualTo(2L * CHUNK);

            // both ends exited: the records are read closed once, deleted, and the table is left alone again
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long walks;
            do {
                walks = table.walks(v6);
                table.read();
                Thread.sleep(50);
            } while (table.walks(v6) > walks && System.nanoTime() < deadline);
            assertThat(table.walks(v6)).as("walks of the IPv6 table once it is empty again").isEqualTo(walks);
        }
    }

    /** Records of a kernel connection table whose network namespace is one of {@code namespaces}. */
    private static int entriesOf(SocketKernel socket, String map, int... namespaces) throws Exception {
        int[] found = {0};
        try (MapReader reader = new MapReader(socket.modules.objects().map(SocketModule.OBJECT, map), 256)) {
            reader.forEach((keys, keyOffset, values, valueOffset) -> {
                int netns = ConnKey.read(keys, keyOffset).netns();
                found[0] += IntStream.of(namespaces).anyMatch(n -> n == netns) ? 1 : 0;
            });
        }
        return found[0];
    }

    @Test
    void aKernelTableAtItsSizeStaysThereAndOtherTakesTheRest() throws Exception {
        try (NetnsPair net = new NetnsPair();
                SocketKernel socket = new SocketKernel("[global]\n    ipv4 connection table size = 4\n"
                        + conf(net, "    ports = 47200:47209"), true)) {
            exchange(net, net.v4(2), ports(47200, 10), 3);
            BpfMap v4 = socket.modules.objects().map(SocketModule.OBJECT, SocketModule.CONN_V4);
            assertThat(v4.maxEntries()).isEqualTo(4);
            Tick tick = socket.collect();
            Map<String, Long> out = values(tick, "ebpf.outbound_bytes");
            long sent = out.entrySet().stream().filter(e -> e.getKey().endsWith("_sent")).mapToLong(Map.Entry::getValue).sum();
            assertThat(sent).as("our bytes, in dimensions or other (other may hold the machine's too)")
                    .isGreaterThanOrEqualTo(10L * 3 * CHUNK);
            assertThat(values(tick, "ebpf.network_viewer_capacity").get("kernel_table_full")).isPositive();
            assertThat(table(tick).notes()).anyMatch(n -> n.startsWith("the kernel's connection tables were full"));
            List<String> problems = new ArrayList<>();
            socket.problems.forEach(p -> problems.add(p.toString()));
            assertThat(problems).isEmpty();
        }
    }
}
