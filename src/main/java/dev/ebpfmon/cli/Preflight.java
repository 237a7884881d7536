package dev.ebpfmon.cli;

import dev.ebpfmon.kernel.KernelInspector;
import java.util.Optional;

/** What stops ebpfmon before it tries anything: privileges, libbpf. One sentence each. */
final class Preflight {
    private Preflight() {}

    static Optional<String> blocker(KernelInspector kernel) {
        return kernel.facts().missingPrivilege().or(() -> kernel.facts().missingLibbpf());
    }

    /** Says what is missing on stderr and gives the exit code, or empty when ebpfmon can go on. */
    static java.util.OptionalInt refuse(KernelInspector kernel) {
        Optional<String> blocker = blocker(kernel);
        blocker.ifPresent(reason -> System.err.println("ebpfmon: " + reason));
        return blocker.isPresent() ? java.util.OptionalInt.of(ExitCodes.NO_PRIVILEGE) : java.util.OptionalInt.empty();
    }
}
