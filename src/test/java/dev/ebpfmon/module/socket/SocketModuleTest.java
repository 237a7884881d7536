package dev.ebpfmon.module.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.CoreTracing;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import dev.ebpfmon.module.ProbeVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the module asks the loader for on each kind of kernel. */
class SocketModuleTest {
    private static KernelSymbols kernel(boolean sendReceiveTracepoints) {
        return kernel(sendReceiveTracepoints, OptionalInt.empty());
    }

    /** @param retransmitArgs what the kernel's BTF says tcp_retransmit_skb passes its programs */
    private static KernelSymbols kernel(boolean sendReceiveTracepoints, OptionalInt retransmitArgs) {
        return new KernelSymbols() {
            @Override
            public boolean hasFunction(String name) {
                return true;
            }

            @Override
            public boolean hasTracepoint(String category, String event) {
                return sendReceiveTracepoints || !event.startsWith("sock_");
            }

            @Override
            public Optional<String> whyNoTrampoline(String function) {
                return Optional.empty();
            }

            @Override
            public Optional<String> whyNoKprobe(String function) {
                return Optional.empty();
            }

            @Override
            public OptionalInt tracepointArgs(String event) {
                return event.equals("tcp_retransmit_skb") ? retransmitArgs : OptionalInt.empty();
            }
        };
    }

    private static List<ObjectUse> uses(boolean tracepoints, CoreTracing tracing, boolean apps, boolean viewer) {
        ModuleSettings settings = ModuleSettings.builtIn("socket").withCoreTracing(tracing).withGroups(apps, false)
                .withLoadMode(LoadMode.ENTRY);
        return new SocketModule().uses(new ModuleContext(settings, Optional.empty(), 0, new ArrayList<>(),
                kernel(tracepoints), viewer));
    }

    private static List<String> points(ObjectUse use) {
        return use.probePoints().stream().map(ProbePoint::name).toList();
    }

    @Test
    void withTheSocketLayerTracepointsEverythingIsATracepoint() {
        List<ObjectUse> uses = uses(true, CoreTracing.TRAMPOLINE, false, false);
        assertThat(uses).singleElement().satisfies(u -> {
            assertThat(u.object()).isEqualTo("socket");
            assertThat(points(u)).containsExactly("sock_send_length", "sock_recv_length", "inet_sock_set_state",
                    "tcp_retransmit_skb", "tcp_destroy_sock");
            assertThat(u.probePoints()).allSatisfy(p -> assertThat(p.variants()).extracting(v -> v.kind())
                    .containsExactly(AttachKind.TP_BTF, AttachKind.RAW_TP));
            assertThat(u.globals()).containsEntry("socket_connections", 0L).containsEntry("socket_mode", 1L);
            assertThat(u.maps().get("socket_conn_v4").maxEntries()).as("no table without the viewer or apps").isEqualTo(1);
        });
    }

    @Test
    void withoutThemNetdatasFunctionsServeSendsAndReceives() {
        ObjectUse use = uses(false, CoreTracing.TRAMPOLINE, true, false).getFirst();
        assertThat(points(use)).containsExactly("tcp_recvmsg_entry", "udp_recvmsg_entry", "udpv6_recvmsg_entry",
                "tcp_sendmsg", "udp_sendmsg", "udpv6_sendmsg", "tcp_recvmsg", "udp_recvmsg", "udpv6_recvmsg",
                "inet_sock_set_state", "tcp_retransmit_skb", "tcp_destroy_sock");
        assertThat(points(use)).as("dimension ids of the self charts: no white space, quotes, '=' or '\\'")
                .allMatch(n -> n.matches("[A-Za-z0-9_.:-]+"));
        ProbePoint send = use.probePoints().get(3);
        assertThat(send.variants()).extracting(v -> v.kind()).containsExactly(AttachKind.TRAMPOLINE, AttachKind.PROBE);
        assertThat(send.variants().getFirst().functions()).containsExactly("tcp_sendmsg");
        assertThat(use.globals()).containsEntry("socket_connections", 1L);
        assertThat(use.maps().get("socket_conn_v4").maxEntries()).isEqualTo(16384);
        assertThat(use.maps().get("socket_owners").maxEntries()).isEqualTo(32768);
    }

    @Test
    void withoutThemAndOnlyTracepointsAllowedTheSyscallDispatcherServesThem() {
        List<ObjectUse> uses = uses(false, CoreTracing.TRACEPOINT, false, true);
        assertThat(uses).hasSize(2);
        assertThat(points(uses.get(0))).containsExactly("inet_sock_set_state", "tcp_retransmit_skb", "tcp_destroy_sock");
        assertThat(uses.get(1).object()).isEqualTo("syscalls");
        assertThat(points(uses.get(1))).containsExactly("sys_exit");
        assertThat(uses.get(1).globals()).as("the results count, whatever the load mode").containsEntry("socket_mode", 2L)
                .containsEntry("socket_connections", 1L);
        assertThat(uses.get(1).maps()).containsKeys("socket_global", "socket_conn_v4", "socket_overflow");
    }

    /** Since 6.13 the tracepoint passes the attempt's result; its programs read it only where it is there. */
    @ParameterizedTest(name = "{0} arguments")
    @CsvSource({"2, tcp_retransmit_skb", "3, tcp_retransmit_skb_err", "-1, tcp_retransmit_skb"})
    void retransmitsReadTheResultOnlyWhereTheTracepointPassesIt(int args, String programs) {
        KernelSymbols kernel = kernel(true, args > 0 ? OptionalInt.of(args) : OptionalInt.empty());
        assertThat(SocketModule.retransmits(kernel).variants()).extracting(ProbeVariant::program)
                .containsExactly(programs + "_btf", programs + "_raw");
    }

    @Test
    void theCatalogListsTheViewerChartsWhateverTheSwitch() {
        var charts = new SocketModule().charts(ModuleContext.of(ModuleSettings.builtIn("socket")));
        assertThat(charts).extracting(c -> c.fullId()).contains("ip.tcp_functions", "ip.tcp_retransmit_drift",
                "ebpf.outbound_bytes", "ebpf.inbound_packets", "ebpf.network_viewer_capacity")
                .doesNotContain("ip.tcp_error");
    }
}
