package dev.ebpfmon.module.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.LiveTable;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.IniFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The viewer over connections made up in memory: the cap, other, the kernel's overflow, host names. */
class NetworkViewerTest {
    private static final byte[] LOCAL = {10, 9, 0, 1};

    private static NetworkViewerConfig config(String section) {
        return NetworkViewerConfig.read(Optional.of(IniFile.parse("network.conf", "[network connections]\n" + section,
                new ArrayList<>())), new ArrayList<>(), NetworkViewerConfigTest.SERVICES);
    }

    private static Connection outbound(int lastByte, int port, long sent) {
        Connection c = new Connection(ConnKey.of(2, 6, 1, LOCAL, 40000 + lastByte, new byte[] {10, 9, 0, (byte) lastByte},
                port), false);
        c.totals[Connection.SENT_BYTES] = sent;
        c.totals[Connection.SENT_PACKETS] = 1;
        return c;
    }

    private static Map<String, Long> values(Tick tick, String chart) {
        Sample s = tick.samples().stream().filter(x -> x.chart().fullId().equals(chart)).findFirst().orElseThrow();
        Map<String, Long> values = new LinkedHashMap<>();
        for (int i = 0; i < s.values().length; i++) {
            values.put(s.chart().dimensions().get(i).id(), s.values()[i]);
        }
        return values;
    }

    private static Tick collect(NetworkViewer viewer, List<Connection> live, long[] overflow) {
        Tick tick = new Tick();
        viewer.collect(tick, live, overflow);
        return tick;
    }

    @Test
    void overTheCapDestinationsGoToOtherAndNothingIsLost() {
        NetworkViewer viewer = new NetworkViewer(config("maximum dimensions = 6\n"), NetworkViewerConfigTest.SERVICES,
                null, 1);
        List<Connection> live = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            live.add(outbound(i, 5000, 100L * i));
        }
        Tick tick = collect(viewer, live, new long[ViewerOverflow.COUNTERS]);
        Map<String, Long> out = values(tick, "ebpf.outbound_bytes");
        assertThat(out).containsExactly(
                Map.entry("5000:TCP:10.9.0.1_sent", 100L), Map.entry("5000:TCP:10.9.0.1_recv", 0L),
                Map.entry("5000:TCP:10.9.0.2_sent", 200L), Map.entry("5000:TCP:10.9.0.2_recv", 0L),
                Map.entry("5000:TCP:10.9.0.3_sent", 300L), Map.entry("5000:TCP:10.9.0.3_recv", 0L),
                Map.entry("other:ALL:other_sent", 4900L), Map.entry("other:ALL:other_recv", 0L));
        assertThat(values(tick, "ebpf.network_viewer_capacity")).containsEntry("charted", 3L).containsEntry("other", 7L);

        // the same connections move more: each share goes where the connection is charted
        live.forEach(c -> c.totals[Connection.SENT_BYTES] += 1);
        Map<String, Long> later = values(collect(viewer, live, new long[ViewerOverflow.COUNTERS]), "ebpf.outbound_bytes");
        assertThat(later.get("5000:TCP:10.9.0.1_sent")).isEqualTo(101);
        assertThat(later.get("other:ALL:other_sent")).isEqualTo(4907);
    }

    @Test
    void trafficTheKernelHadNoRoomForIsOther() {
        NetworkViewer viewer = new NetworkViewer(config(""), NetworkViewerConfigTest.SERVICES, null, 1);
        long[] overflow = new long[ViewerOverflow.COUNTERS];
        overflow[0] = 500;  // outbound sent bytes
        overflow[6] = 70;   // inbound received bytes
        overflow[ViewerOverflow.EVENTS] = 3;
        Tick tick = collect(viewer, List.of(), overflow);
        assertThat(values(tick, "ebpf.outbound_bytes")).containsEntry("other:ALL:other_sent", 500L);
        assertThat(values(tick, "ebpf.inbound_bytes")).containsEntry("other:ALL_recv", 70L);
        assertThat(values(tick, "ebpf.network_viewer_capacity")).containsEntry("kernel_table_full", 3L);
        LiveTable table = tick.tables().getFirst();
        assertThat(table.notes()).anyMatch(n -> n.contains("kernel's connection tables were full: 3 events"));
    }

    @Test
    void aDestinationIdleForAMinuteLeavesAndFreesItsDimensions() {
        NetworkViewer viewer = new NetworkViewer(config("maximum dimensions = 2\n"), NetworkViewerConfigTest.SERVICES,
                null, 1);
        Connection first = outbound(1, 5000, 10);
        collect(viewer, List.of(first), new long[ViewerOverflow.COUNTERS]);
        for (int i = 0; i < Aggregates.RETIRE_TICKS; i++) {
            collect(viewer, List.of(), new long[ViewerOverflow.COUNTERS]);
        }
        Tick tick = collect(viewer, List.of(outbound(2, 5000, 20)), new long[ViewerOverflow.COUNTERS]);
        assertThat(values(tick, "ebpf.outbound_bytes")).containsOnlyKeys("5000:TCP:10.9.0.2_sent",
                "5000:TCP:10.9.0.2_recv", "other:ALL:other_sent", "other:ALL:other_recv");
    }

    @Test
    void serviceNamesAndInboundServicesNameTheDimensions() {
        NetworkViewer viewer = new NetworkViewer(config("resolve service names = yes\nips = *\n"),
                NetworkViewerConfigTest.SERVICES, null, 1);
        Connection in = new Connection(ConnKey.of(10, 6, 1, new byte[16], 22, new byte[16], 50000), true);
        in.totals[Connection.RECV_BYTES] = 42;
        Connection out = outbound(7, 443, 5);
        Tick tick = collect(viewer, List.of(in, out), new long[ViewerOverflow.COUNTERS]);
        Sample inbound = tick.samples().stream().filter(s -> s.chart().id().equals("inbound_bytes")).findFirst()
                .orElseThrow();
        assertThat(inbound.chart().dimensions().get(1).id()).isEqualTo("22:TCP_recv");
        assertThat(inbound.chart().dimensions().get(1).name()).isEqualTo("ssh:TCP_recv");
        Sample outbound = tick.samples().stream().filter(s -> s.chart().id().equals("outbound_bytes")).findFirst()
                .orElseThrow();
        assertThat(outbound.chart().dimensions().get(0).name()).isEqualTo("https:TCP:10.9.0.7_sent");
    }

    @Test
    void hostNamesArriveWithoutHoldingATickAndTheirFilterApplies() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        try (HostnameResolver resolver = new HostnameResolver(address -> {
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return address[3] == 1 ? Optional.of("db.example.com") : Optional.of("cache.internal");
        })) {
            NetworkViewer viewer = new NetworkViewer(config("resolve hostnames = yes\nhostnames = !*.internal *\n"),
                    NetworkViewerConfigTest.SERVICES, resolver, 1);
            List<Connection> live = List.of(outbound(1, 5432, 300), outbound(2, 6379, 50));
            long start = System.nanoTime();
            Tick first = collect(viewer, live, new long[ViewerOverflow.COUNTERS]);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("a tick does not wait").isLessThan(2000);
            assertThat(values(first, "ebpf.outbound_bytes")).containsOnlyKeys("other:ALL:other_sent", "other:ALL:other_recv");
            assertThat(first.tables().getFirst().rows()).hasSize(2)
                    .allMatch(r -> r.getLast().equals("(resolving host)"));

            answer.countDown();
            Tick later = first;
            for (int i = 0; i < 100 && values(later, "ebpf.outbound_bytes").size() < 4; i++) {
                Thread.sleep(20);
                later = collect(viewer, live, new long[ViewerOverflow.COUNTERS]);
            }
            Sample s = later.samples().stream().filter(x -> x.chart().id().equals("outbound_bytes")).findFirst().orElseThrow();
            assertThat(s.chart().dimensions().getFirst().id()).isEqualTo("5432:TCP:10.9.0.1_sent");
            assertThat(s.chart().dimensions().getFirst().name()).isEqualTo("5432:TCP:db.example.com_sent");
            assertThat(s.values()[0]).as("all of it, though counted late").isEqualTo(300);
            assertThat(s.chart().dimensions()).hasSize(4); // cache.internal is dropped by hostnames
            assertThat(later.tables().getFirst().rows()).hasSize(1);
        }
    }
}
