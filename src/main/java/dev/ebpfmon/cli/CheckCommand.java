package dev.ebpfmon.cli;

import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.kernel.KernelInspector;
import dev.ebpfmon.module.ModuleStatus;
import java.io.PrintStream;
import java.nio.file.Path;
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

    @Override
    public Integer call() {
        PrintStream out = System.out;
        KernelInspector kernel = KernelInspector.system();
        
        out.println("Kernel");
        kernel.facts().facilities().forEach(line -> out.printf("  %-12s %-8s %s%n", line.facility(), line.status(), line.detail()));
        Optional<String> blocker = Preflight.blocker(kernel);
        if (blocker.isPresent()) {
            out.println();
            out.println("Modules cannot be checked: " + blocker.get());
            return ExitCodes.NO_PRIVILEGE;
        }
        try (Session session = Session.open(Optional.ofNullable(configDir), kernel, s -> s)) {
            out.println();
            out.println("Attach kinds");
            for (AttachSupport s : session.attachSupport.values().stream()
                    .sorted(java.util.Comparator.comparing(AttachSupport::kind)).toList()) {
                out.printf("  %-18s %-4s %s%n", s.kind().label(), s.works() ? "yes" : "no", s.reason());
            }
            out.println();
            out.println("Modules");
            boolean failed = false;
            for (ModuleStatus s : session.statuses()) {
                String state = switch (s.state()) {
                    case RUNNING -> "runs";
                    case UNAVAILABLE -> "cannot run";
                    case DISABLED -> "off";
                };
                failed |= s.state() == ModuleStatus.State.UNAVAILABLE;
                out.printf("  %-11s %-10s %s%n", s.module(), state, s.runs() ? session.describe(s) : s.reason());
            }
            return strict && failed ? ExitCodes.STRICT_FAILED : 0;
        }
    }
}
