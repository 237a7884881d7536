package dev.ebpfmon.cli;

import dev.ebpfmon.chart.History;
import dev.ebpfmon.kernel.KernelInspector;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.ModuleStatus;
import dev.ebpfmon.sink.http.AddressInUseException;
import dev.ebpfmon.sink.http.AgentInfo;
import dev.ebpfmon.sink.http.AgentServer;
import dev.ebpfmon.sink.http.ModuleRow;
import dev.ebpfmon.sink.http.TokenFileException;
import dev.ebpfmon.sink.prometheus.PrometheusExposition;
import dev.ebpfmon.sink.table.TableWriter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `ebpfmon` with no subcommand: the standalone agent. It runs every enabled module and serves
 * what it sees on 127.0.0.1:19998: the dashboard, Prometheus/OpenMetrics at /metrics and the JSON
 * API, from an in-memory history.
 */
@Command(name = "ebpfmon", mixinStandardHelpOptions = true, version = "ebpfmon " + EbpfmonCommand.VERSION,
        description = "Kernel-level metrics from eBPF: files, VFS, processes, ... per second.",
        subcommands = {CheckCommand.class, NetdataCommand.class, TopCommand.class, InstallNetdataPluginCommand.class, UninstallNetdataPluginCommand.class,
            dev.ebpfmon.bench.BenchCommand.class})
final class EbpfmonCommand implements Callable<Integer> {
    static final String VERSION = "0.1.0";

    @Option(names = "--bpf-stats", description = "switch the kernel's BPF run-time statistics on while running, "
            + "to chart how long ebpfmon's programs run (they cost every BPF program two clock reads per run)")
    boolean bpfStats;

    @Option(names = "--config-dir", description = "directory with ebpf.d.conf and ebpf.d/ "
            + "(default: Netdata's, else built-in defaults)")
    Path configDir;

    @Option(names = "--listen", defaultValue = "127.0.0.1:19998", converter = ListenAddress.class,
            description = "address of the dashboard and APIs (default ${DEFAULT-VALUE}; [::1]:19998 for IPv6)")
    InetSocketAddress listen;

    @Option(names = "--history", defaultValue = "3600", description = "seconds of history kept in memory "
            + "(default ${DEFAULT-VALUE})")
    int historySeconds;

    @Option(names = "--token-file", defaultValue = "/var/lib/ebpfmon/api-token",
            description = "bearer token for changes through the API; created (mode 0600) if missing "
                    + "(default ${DEFAULT-VALUE})")
    Path tokenFile;

    @Option(names = "--table", description = "also print each second's values as a table on stdout")
    boolean table;

    @Option(names = "--ticks", description = "stop after this many seconds (default: run until Ctrl-C)")
    long ticks;

    @Override
    public Integer call() throws Exception {
        KernelInspector kernel = KernelInspector.system();
        var refused = Preflight.refuse(kernel);
        if (refused.isPresent()) {
            return refused.getAsInt();
        }
        History history = new History(historySeconds);
        PrometheusExposition metrics = new PrometheusExposition();
        try (Session session = Session.open(Optional.ofNullable(configDir), kernel, s -> s,
                Session.Options.DEFAULT.withBpfStats(bpfStats))) {
            session.logStatuses();
            AgentServer server;
            try {
                server = new AgentServer(listen,
                        new AgentInfo(VERSION, AgentInfo.localHostname(), session.config.global().updateEvery(),
                                menu()),
                        history, metricsEndpoint(metrics), () -> rows(session),
                        (module, enabled) -> row(session, session.setEnabled(module, enabled)), tokenFile);
            } catch (TokenFileException e) {
                System.err.println("ebpfmon: " + e.getMessage());
                return ExitCodes.BAD_TOKEN_FILE;
            }
            try {
                server.start();
            } catch (AddressInUseException e) {
                server.close();
                System.err.println("ebpfmon: " + e.getMessage());
                return ExitCodes.PORT_IN_USE;
            }
            try (server) {
                LOG.log(System.Logger.Level.INFO, "serving http://{0}/ (dashboard, /metrics, /api/v1/*)",
                        HostPorts.format(server.address()));
                PrintStream out = System.out;
                TableWriter tableWriter = new TableWriter(out);
                TickLoop loop = new TickLoop(session, session.config.global().updateEvery());
                Shutdown.stops(loop);
                try {
                    loop.run((micros, tick) -> {
                        history.record(micros / 1_000_000, tick.samples());
                        history.retire(tick.retired());
                        metrics.update(tick.samples());
                        metrics.retire(tick.retired());
                        if (table) {
                            tableWriter.write(micros / 1000, tick.samples());
                            tick.retired().forEach(tableWriter::forget);
                            out.flush();
                        }
                        return true;
                    }, ticks);
                } catch (InterruptedException e) {
                    LOG.log(System.Logger.Level.INFO, "stopping");
                }
            }
        }
        return 0;
    }

    private static final System.Logger LOG = System.getLogger("ebpfmon");

    private static dev.ebpfmon.sink.http.MetricsEndpoint metricsEndpoint(PrometheusExposition metrics) {
        return new dev.ebpfmon.sink.http.MetricsEndpoint() {
            @Override
            public String contentType(String accept) {
                return metrics.contentType(accept);
            }

            @Override
            public void write(OutputStream out, String accept) throws java.io.IOException {
                metrics.write(out, accept);
            }
        };
    }

    /** The dashboard's menu, from the modules' own descriptors. */
    private static List<AgentInfo.MenuEntry> menu() {
        return ModuleCatalog.implemented().stream()
                .map(m -> new AgentInfo.MenuEntry(m.name(), m.info().title(), m.info().menuOrder())).toList();
    }

    private static List<ModuleRow> rows(Session session) {
        return session.statuses().stream().map(s -> row(session, s)).toList();
    }

    private static ModuleRow row(Session session, ModuleStatus s) {
        return new ModuleRow(s.module(), s.state().name().toLowerCase(Locale.ROOT),
                s.runs() ? session.describe(s) : "", s.reason(), s.state() != ModuleStatus.State.DISABLED);
    }
}
