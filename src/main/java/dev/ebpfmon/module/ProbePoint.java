package dev.ebpfmon.module;

import dev.ebpfmon.kernel.AttachKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel event a module needs (e.g. "sys_exit", "swap read"), with its variants in order of
 * preference (DESIGN.md: trampoline, probe, then the tracepoint kinds). The loader picks one per
 * kernel; the others are never loaded.
 *
 * @param optional whether the module runs without it: when no variant fits this kernel, the
 *                 point is left out (the module learns so from {@link ModuleContext#attachments()})
 *                 instead of the module failing
 */
public record ProbePoint(String name, List<ProbeVariant> variants, boolean optional) {
    public ProbePoint {
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("probe point " + name + " has no variant");
        }
    }

    /** A point the module cannot run without. */
    public ProbePoint(String name, List<ProbeVariant> variants) {
        this(name, variants, false);
    }

    /** The same point, which the module can do without. */
    public ProbePoint asOptional() {
        return new ProbePoint(name, variants, true);
    }

    /** The common case of a tracepoint with a BTF-typed and a raw program. */
    public static ProbePoint tracepoint(String name, String tpBtfProgram, String rawTpProgram) {
        return new ProbePoint(name, List.of(
                new ProbeVariant(AttachKind.TP_BTF, tpBtfProgram),
                new ProbeVariant(AttachKind.RAW_TP, rawTpProgram)));
    }

    /**
     * A kernel function reached by a trampoline ({@code SEC("fentry")} or {@code SEC("fexit")}) or
     * else a probe ({@code SEC("kprobe")} or {@code SEC("kretprobe")}), then by the given fallbacks
     * (tracepoints, say); either program may be null when the module has none.
     *
     * @param functions the function's names across kernel versions, preferred first
     */
    public static ProbePoint function(String name, List<String> functions, String trampolineProgram,
            String probeProgram, ProbeVariant... fallbacks) {
        List<ProbeVariant> variants = new ArrayList<>();
        if (trampolineProgram != null) {
            variants.add(new ProbeVariant(AttachKind.TRAMPOLINE, trampolineProgram, functions));
        }
        if (probeProgram != null) {
            variants.add(new ProbeVariant(AttachKind.PROBE, probeProgram, functions));
        }
        variants.addAll(List.of(fallbacks));
        return new ProbePoint(name, variants);
    }
}
