package dev.ebpfmon.cli;

import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.kernel.FacilityLine;
import dev.ebpfmon.module.ModuleStatus;
import java.util.List;
import java.util.Optional;

/**
 * What `ebpfmon check` found, before it is printed as text or JSON.
 *
 * @param blocker     why modules could not be checked at all (privileges, libbpf); then the
 *                    attach kinds and modules are empty
 * @param attachKinds every attach kind with the kernel's answer, in order of preference
 */
record CheckReport(String release, List<FacilityLine> facilities, Optional<String> blocker,
        List<AttachSupport> attachKinds, List<ModuleLine> modules) {

    CheckReport {
        facilities = List.copyOf(facilities);
        attachKinds = List.copyOf(attachKinds);
        modules = List.copyOf(modules);
    }

    /**
     * One module's line.
     *
     * @param description for a running module its attach description with load mode and
     *                    interval (what the text output prints); empty otherwise
     */
    record ModuleLine(ModuleStatus status, String description) {}

    /** True when a module that is switched on cannot run (what --strict fails on). */
    boolean anyUnavailable() {
        return modules.stream().anyMatch(m -> m.status().state() == ModuleStatus.State.UNAVAILABLE);
    }
}
