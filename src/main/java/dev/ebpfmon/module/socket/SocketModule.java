package dev.ebpfmon.module.socket;

import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.config.CoreTracing;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.CounterCollector;
import dev.ebpfmon.module.CounterModule;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.HostCounters;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import dev.ebpfmon.module.SyscallDispatcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * socket: TCP and UDP calls, bytes and errors, connections out and in, retransmits and closes,
 * for the host and per process; and with {@code [ebpf programs] network connections = yes} the
 * network viewer (per-connection traffic, Netdata's {@code ebpf.outbound_*}/{@code ebpf.inbound_*}
 * charts and the live connections table). Settings in network.conf, as Netdata's.
 *
 * <p>How it reaches the kernel ({@link SendReceive}): the socket-layer tracepoints where the kernel
 * has them; else Netdata's functions; else, with {@code ebpf co-re tracing = tracepoint}, the
 * shared syscall dispatcher. Connections, retransmits and closes always come from tracepoints.
 */
public final class SocketModule extends CounterModule {
    static final String OBJECT = "socket";
    static final String CONN_V4 = "socket_conn_v4";
    static final String CONN_V6 = "socket_conn_v6";
    static final String CONN_UDP = "socket_conn_udp";
    static final String CONN_MADE = "socket_conn_made";
    static final String LISTENERS = "socket_listeners";
    static final String NETNS = "socket_netns";
    static final String OVERFLOW = "socket_overflow";
    static final String OWNERS = "socket_owners";
    static final String RECEIVING = "socket_receiving";
    static final Path OWN_NETNS = Path.of("/proc/self/ns/net");

    private ServiceNames services;

    public SocketModule() {
        super(new ModuleInfo("socket", 8, "Network sockets", true, List.of("network.conf", "socket.conf")),
                SocketCounter.COUNT, true);
    }

    /** Where sends and receives are seen on this kernel. */
    enum SendReceive { TRACEPOINTS, FUNCTIONS, SYSCALLS }

    static SendReceive sendReceive(KernelSymbols kernel, CoreTracing tracing) {
        if (kernel.hasTracepoint("sock", "sock_send_length") && kernel.hasTracepoint("sock", "sock_recv_length")) {
            return SendReceive.TRACEPOINTS;
        }
        return tracing == CoreTracing.TRACEPOINT ? SendReceive.SYSCALLS : SendReceive.FUNCTIONS;
    }

    @Override
    protected String countersObject() {
        return OBJECT;
    }

    /** The connection table is kept for the viewer, and to give retransmits to the processes that own them. */
    static boolean keepsConnections(ModuleContext context) {
        return context.networkConnections() || context.settings().perProcess();
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        NetworkViewerConfig config = config(context);
        boolean connections = keepsConnections(context);
        Map<String, Long> globals = new HashMap<>(globals(name(), context.returnMode() ? SyscallDispatcher.MODE_RETURN
                : SyscallDispatcher.MODE_ENTRY, context));
        globals.put("socket_connections", connections ? 1L : 0L);
        NetworkViewerConfig.TableSizes t = config.tables();
        Map<String, MapSpec> maps = Map.of(hostMap(name()), MapSpec.compiled(), RECEIVING, MapSpec.compiled(),
                CONN_V4, MapSpec.entries(connections ? t.ipv4() : 1),
                CONN_V6, MapSpec.entries(connections ? t.ipv6() : 1),
                CONN_UDP, MapSpec.entries(connections ? t.udp() : 1),
                OWNERS, MapSpec.entries(connections ? t.ipv4() + t.ipv6() : 1),
                CONN_MADE, MapSpec.compiled(), LISTENERS, MapSpec.compiled(), NETNS, MapSpec.compiled(),
                OVERFLOW, MapSpec.compiled());
        List<ProbePoint> points = new ArrayList<>();
        SendReceive how = sendReceive(context.kernel(), context.settings().coreTracing());
        switch (how) {
            case TRACEPOINTS -> {
                points.add(tracepoint("sock_send_length"));
                points.add(tracepoint("sock_recv_length"));
            }
            case FUNCTIONS -> points.addAll(functions());
            case SYSCALLS -> { }
        }
        points.add(tracepoint("inet_sock_set_state"));
        points.add(retransmits(context.kernel()));
        points.add(tracepoint("tcp_destroy_sock"));
        List<ObjectUse> uses = new ArrayList<>();
        uses.add(new ObjectUse(OBJECT, points, globals, maps));
        if (how == SendReceive.SYSCALLS) {
            // the results of the calls are what count: the exit side, whatever the load mode
            Map<String, Long> dispatcher = new HashMap<>(globals);
            dispatcher.put("socket_mode", SyscallDispatcher.MODE_RETURN);
            uses.add(new ObjectUse(SyscallDispatcher.OBJECT,
                    List.of(ProbePoint.tracepoint("sys_exit", "sys_exit_btf", "sys_exit_raw")), dispatcher, maps));
        }
        return uses;
    }

    /**
     * Since 6.13 tcp_retransmit_skb passes the attempt's result as a third argument and fires on
     * attempts that gave up before sending too: the _err programs leave those out. A program that
     * reads a third argument the tracepoint does not have would fail the object's load.
     */
    static ProbePoint retransmits(KernelSymbols kernel) {
        String programs = kernel.tracepointArgs("tcp_retransmit_skb").orElse(2) >= 3
                ? "tcp_retransmit_skb_err" : "tcp_retransmit_skb";
        return ProbePoint.tracepoint("tcp_retransmit_skb", programs + "_btf", programs + "_raw");
    }

    private static ProbePoint tracepoint(String event) {
        return ProbePoint.tracepoint(event, event + "_btf", event + "_raw");
    }

    /**
     * Netdata's functions, for kernels without the socket-layer tracepoints. Receives only by
     * kretprobe: their argument lists changed in 5.19, and no single fexit program reads the
     * result on both sides of that change; a kprobe at their entry keeps the socket for it.
     */
    private static List<ProbePoint> functions() {
        return List.of(
                receiveEntry("tcp_recvmsg"), receiveEntry("udp_recvmsg"), receiveEntry("udpv6_recvmsg"),
                ProbePoint.function("tcp_sendmsg", List.of("tcp_sendmsg"), "fexit_tcp_sendmsg", "kretprobe_tcp_sendmsg"),
                ProbePoint.function("udp_sendmsg", List.of("udp_sendmsg"), "fexit_udp_sendmsg", "kretprobe_udp_sendmsg"),
                ProbePoint.function("udpv6_sendmsg", List.of("udpv6_sendmsg"), "fexit_udpv6_sendmsg",
                        "kretprobe_udp_sendmsg"),
                ProbePoint.function("tcp_recvmsg", List.of("tcp_recvmsg"), null, "kretprobe_tcp_recvmsg"),
                ProbePoint.function("udp_recvmsg", List.of("udp_recvmsg"), null, "kretprobe_udp_recvmsg"),
                ProbePoint.function("udpv6_recvmsg", List.of("udpv6_recvmsg"), null, "kretprobe_udp_recvmsg"));
    }

    /** Named as a dimension id of the self charts (ebpf_program_runs) can be: no white space. */
    private static ProbePoint receiveEntry(String function) {
        return ProbePoint.function(function + "_entry", List.of(function), null, "kprobe_recvmsg_entry");
    }

    @Override
    public Collector collector(ModuleContext context, LoadedObjects objects) {
        NetworkViewerConfig config = config(context);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            HostCounters counters = open(opened, new HostCounters(objects.map(OBJECT, hostMap(name())), SocketCounter.COUNT));
            CounterCollector host = new CounterCollector(counters, hostCharts(context));
            int netnsId = NetnsCounts.inode(OWN_NETNS);
            NetnsCounts netns = open(opened, new NetnsCounts(objects.map(OBJECT, NETNS)));
            RetransmitTwin twin = new RetransmitTwin(netns, Snmp.OWN, netnsId, context.updateEvery());
            ConnectionTable table = null;
            HostCounters overflow = null;
            NetworkViewer viewer = null;
            HostnameResolver resolver = null;
            if (keepsConnections(context)) {
                ListenerSeed.seed(objects.map(OBJECT, LISTENERS), netnsId, Path.of("/proc/self/net"));
                List<BpfMap> maps = List.of(objects.map(OBJECT, CONN_V4), objects.map(OBJECT, CONN_V6),
                        objects.map(OBJECT, CONN_UDP));
                HostCounters made = open(opened, new HostCounters(objects.map(OBJECT, CONN_MADE), maps.size()));
                table = open(opened, new ConnectionTable(maps, made));
                overflow = open(opened, new HostCounters(objects.map(OBJECT, OVERFLOW), ViewerOverflow.COUNTERS));
                if (context.networkConnections()) {
                    resolver = config.resolveHostnames() ? open(opened, HostnameResolver.system()) : null;
                    viewer = new NetworkViewer(config, services(), resolver, context.updateEvery());
                }
            }
            return new SocketCollector(host, twin, netns, table, overflow, viewer, resolver);
        } catch (RuntimeException e) {
            for (AutoCloseable c : opened.reversed()) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T open(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext context) {
        return SocketCharts.host(context);
    }

    /** The host charts, the retransmit twin, and the network viewer's charts (drawn when it is on). */
    @Override
    public List<Chart> charts(ModuleContext context) {
        List<Chart> charts = new ArrayList<>(super.charts(context));
        charts.add(RetransmitTwin.chart(context.updateEvery()));
        charts.addAll(ViewerCharts.catalog(context.updateEvery()));
        return charts;
    }

    @Override
    public List<GroupChart> groupCharts(ModuleContext context) {
        return SocketCharts.groups();
    }

    NetworkViewerConfig config(ModuleContext context) {
        return NetworkViewerConfig.read(context.file(), context.problems(), services());
    }

    /** /etc/services, read once. */
    synchronized ServiceNames services() {
        if (services == null) {
            services = ServiceNames.load(ServiceNames.ETC_SERVICES);
        }
        return services;
    }
}
