package dev.ebpfmon.cli;

import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.kernel.KernelFacts;
import dev.ebpfmon.kernel.KernelInspector;
import dev.ebpfmon.module.ModuleStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `ebpfmon check`: can this kernel run each module, and how. It really loads and attaches what
 * the agent would (then detaches), so its answer is the agent's, not a guess.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Report kernel facilities, attach kinds, and how each module runs or why not.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--config-dir", description = "directory with ebpf.d.conf and ebpf.d/")
    Path configDir;

    @Option(names = "--strict", description = "exit with status 5 if an enabled module cannot run")
    boolean strict;

    @Option(names = "--json", description = "print the report as one JSON document (format "
            + CheckJson.FORMAT + ")")
    boolean json;

    @Override
    public Integer call() throws IOException {
        KernelInspector kernel = KernelInspector.system();
        KernelFacts facts = kernel.facts();
        Optional<String> blocker = Preflight.blocker(kernel);
        if (blocker.isPresent()) {
            print(new CheckReport(facts.release(), facts.facilities(), blocker, List.of(), List.of()));
            return ExitCodes.NO_PRIVILEGE;
        }
        try (Session session = Session.open(Optional.ofNullable(configDir), kernel, s -> s)) {
            List<AttachSupport> kinds = session.attachSupport.values().stream()
                    .sorted(Comparator.comparing(AttachSupport::kind)).toList();
            List<CheckReport.ModuleLine> modules = session.statuses().stream()
                    .map(s -> new CheckReport.ModuleLine(s, s.runs() ? session.describe(s) : ""))
                    .toList();
            CheckReport report = new CheckReport(facts.release(), facts.facilities(), Optional.empty(), kinds, modules);
            print(report);
            return strict && report.anyUnavailable() ? ExitCodes.STRICT_FAILED : 0;
        }
    }

    private void print(CheckReport report) throws IOException {
        if (json) {
            CheckJson.write(report, System.out);
        } else {
            printText(report, System.out);
        }
    }

    private static void printText(CheckReport report, PrintStream out) {
        out.println("Kernel");
        report.facilities().forEach(line -> out.printf("  %-12s %-8s %s%n", line.facility(), line.status(), line.detail()));
        if (report.blocker().isPresent()) {
            out.println();
            out.println("Modules cannot be checked: " + report.blocker().get());
            return;
        }
        out.println();
        out.println("Attach kinds");
        for (AttachSupport s : report.attachKinds()) {
            out.printf("  %-18s %-4s %s%n", s.kind().label(), s.works() ? "yes" : "no", s.reason());
        }
        out.println();
        out.println("Modules");
        for (CheckReport.ModuleLine line : report.modules()) {
            ModuleStatus s = line.status();
            out.printf("  %-11s %-10s %s%n", s.module(), CheckJson.state(s.state()), s.runs() ? line.description() : s.reason());
        }
    }
}
