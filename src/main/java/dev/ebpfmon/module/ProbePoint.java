package dev.ebpfmon.module;

import dev.ebpfmon.kernel.AttachKind;
import java.util.List;

/**
 * A kernel event a module needs (e.g. "sys_exit", "sched_process_fork"), with its variants in
 * order of preference. The loader picks one per kernel; the others are never loaded.
 */
public record ProbePoint(String name, List<ProbeVariant> variants) {
    public ProbePoint {
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("probe point " + name + " has no variant");
        }
    }

    /** The common case of a tracepoint with a BTF-typed and a raw program. */
    public static ProbePoint tracepoint(String name, String tpBtfProgram, String rawTpProgram) {
        return new ProbePoint(name, List.of(
                new ProbeVariant(AttachKind.TP_BTF, tpBtfProgram),
                new ProbeVariant(AttachKind.RAW_TP, rawTpProgram)));
    }
}
