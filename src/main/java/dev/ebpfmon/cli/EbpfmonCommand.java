package dev.ebpfmon.cli;

import dev.ebpfmon.config.EbpfConfig;
import dev.ebpfmon.kernel.KernelInspector;
import dev.ebpfmon.sink.table.TableWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `ebpfmon` with no subcommand: run every enabled module and show each tick as a table. */
@Command(name = "ebpfmon", mixinStandardHelpOptions = true, version = "ebpfmon 0.1.0",
        description = "Kernel-level metrics from eBPF: files, VFS, processes, ... per second.",
        subcommands = {CheckCommand.class, NetdataCommand.class})
final class EbpfmonCommand implements Callable<Integer> {
    @Option(names = "--config-dir", description = "directory with ebpf.d.conf and ebpf.d/ "
            + "(default: Netdata's, else built-in defaults)")
    Path configDir;

    @Option(names = "--ticks", description = "stop after this many seconds (default: run until Ctrl-C)")
    long ticks;

    @Override
    public Integer call() throws Exception {
        KernelInspector kernel = KernelInspector.system();
        Optional<String> blocker = Preflight.blocker(kernel);
        if (blocker.isPresent()) {
            System.err.println("ebpfmon: " + blocker.get());
            return ExitCodes.NO_PRIVILEGE;
        }
        EbpfConfig config = Session.loadConfig(Optional.ofNullable(configDir));
        try (Session session = Session.open(config, kernel, s -> s)) {
            session.logStatuses();
            if (session.loaded.running().isEmpty()) {
                System.err.println("ebpfmon: no module can run here; see `ebpfmon check`");
                return ExitCodes.NOTHING_RUNS;
            }
            PrintStream out = System.out;
            TableWriter table = new TableWriter(out);
            new TickLoop(session.loaded, session.statuses, config.global().updateEvery()).run((micros, samples) -> {
                table.write(micros / 1000, samples);
                out.flush();
                return !out.checkError();
            }, ticks);
        }
        return 0;
    }
}
