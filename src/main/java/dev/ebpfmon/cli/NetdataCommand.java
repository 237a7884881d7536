package dev.ebpfmon.cli;

import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.KernelInspector;
import dev.ebpfmon.sink.netdata.PluginsdWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `ebpfmon netdata [update_every]`, also what `ebpf.plugin` runs as: Netdata's external plugin
 * protocol on stdout. Netdata passes its update interval as the one argument; a module's own
 * `update every` may only make it slower. With nothing to collect the plugin says DISABLE, so
 * Netdata does not restart it in a loop.
 */
@Command(name = "netdata", mixinStandardHelpOptions = true,
        description = "Run as Netdata's external plugin (plugins.d protocol on stdout).")
final class NetdataCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "UPDATE_EVERY",
            description = "seconds between collections (Netdata passes it)")
    Integer updateEvery;

    @Option(names = "--bpf-stats", description = "switch the kernel's BPF run-time statistics on while running, "
            + "to chart how long ebpfmon's programs run (they cost every BPF program two clock reads per run)")
    boolean bpfStats;

    @Option(names = "--config-dir", description = "directory with ebpf.d.conf (default: $NETDATA_USER_CONFIG_DIR, "
            + "$NETDATA_STOCK_CONFIG_DIR, /etc/netdata)")
    Path configDir;

    @Option(names = "--ticks", hidden = true, description = "stop after this many seconds (tests)")
    long ticks;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        PluginsdWriter writer = new PluginsdWriter(out);
        KernelInspector kernel = KernelInspector.system();
        Optional<String> blocker = Preflight.blocker(kernel);
        if (blocker.isPresent()) {
            System.err.println("ebpf.plugin (ebpfmon): " + blocker.get());
            writer.disable();
            out.flush();
            return ExitCodes.NO_PRIVILEGE;
        }
        int floor = updateEvery == null ? 1 : Math.max(1, updateEvery);
        try (Session session = Session.open(Optional.ofNullable(configDir), kernel, s -> slowest(s, floor),
                Session.Options.DEFAULT.withBpfStats(bpfStats))) {
            session.logStatuses();
            if (session.current().modules().running().isEmpty()) {
                System.err.println("ebpf.plugin (ebpfmon): no module can run here; see `ebpfmon check`");
                writer.disable();
                out.flush();
                return ExitCodes.NOTHING_RUNS;
            }
            int selfEvery = Math.max(floor, session.config.global().updateEvery());
            TickLoop loop = new TickLoop(session, selfEvery, false); // Netdata shows no live tables
            Shutdown.stops(loop);
            try {
                loop.run((micros, tick) -> {
                    try {
                        writer.write(micros, tick);
                        return true;
                    } catch (java.io.UncheckedIOException e) {
                        // Netdata closed our stdout: it is stopping us, or it went away
                        return false;
                    }
                }, ticks);
            } catch (InterruptedException e) {
                // SIGTERM from Netdata: stop like when stdout closes
            }
        }
        return 0;
    }

    private static ModuleSettings slowest(ModuleSettings s, int floor) {
        return s.updateEvery() >= floor ? s : s.withUpdateEvery(floor);
    }
}
