package dev.ebpfmon.cli;

import dev.ebpfmon.kernel.KernelInspector;
import java.util.Optional;

/** What stops ebpfmon before it tries anything: privileges, libbpf. One sentence each. */
final class Preflight {
    private Preflight() {}

    static Optional<String> blocker(KernelInspector kernel) {
        return kernel.facts().missingPrivilege().or(() -> kernel.facts().missingLibbpf());
    }
}
