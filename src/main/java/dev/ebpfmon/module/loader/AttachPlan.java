package dev.ebpfmon.module.loader;

import dev.ebpfmon.config.CoreTracing;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.ProbePoint;
import dev.ebpfmon.module.ProbeVariant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the variant of a probe point: the first, in the point's order of preference, whose kind
 * the configuration allows and the kernel supports, and, for a variant on a kernel function, whose
 * function this kernel has under one of its names and lets attach. `ebpf co-re tracing` names
 * where the chain starts (trampoline, then probe, then tracepoint); kinds below it stay allowed as
 * fallbacks, so a Netdata config asking for trampolines still runs on a kernel that only has
 * tracepoints.
 */
final class AttachPlan {
    private final Map<AttachKind, AttachSupport> support;
    private final KernelSymbols symbols;

    AttachPlan(Map<AttachKind, AttachSupport> support, KernelSymbols symbols) {
        this.support = support;
        this.symbols = symbols;
    }

    static Set<AttachKind> allowed(CoreTracing tracing) {
        return switch (tracing) {
            case TRAMPOLINE -> EnumSet.allOf(AttachKind.class);
            case PROBE -> EnumSet.of(AttachKind.PROBE, AttachKind.TP_BTF, AttachKind.RAW_TP, AttachKind.TP);
            case TRACEPOINT -> EnumSet.of(AttachKind.TP_BTF, AttachKind.RAW_TP, AttachKind.TP);
        };
    }

    /** The chosen variant (with the kernel function it attaches to, if any), or why each was refused. */
    sealed interface Choice {
        record Chosen(ProbeVariant variant, Optional<String> function) implements Choice {}

        record Refused(String reasons) implements Choice {}
    }

    Choice choose(ProbePoint point, Set<AttachKind> allowed) {
        List<String> refusals = new ArrayList<>();
        for (ProbeVariant variant : point.variants()) {
            AttachKind kind = variant.kind();
            if (!allowed.contains(kind)) {
                refusals.add(kind.label() + " excluded by 'ebpf co-re tracing'");
                continue;
            }
            AttachSupport s = Optional.ofNullable(support.get(kind))
                    .orElse(new AttachSupport(kind, false, "not probed"));
            if (!s.works()) {
                refusals.add(kind.label() + ": " + s.reason());
                continue;
            }
            if (variant.functions().isEmpty()) {
                return new Choice.Chosen(variant, Optional.empty());
            }
            Optional<String> function = symbols.firstFunction(variant.functions());
            if (function.isEmpty()) {
                refusals.add(kind.label() + ": this kernel has no " + String.join(" or ", variant.functions()));
                continue;
            }
            Optional<String> why = kind == AttachKind.TRAMPOLINE ? symbols.whyNoTrampoline(function.get())
                    : symbols.whyNoKprobe(function.get());
            if (why.isPresent()) {
                refusals.add(kind.label() + " on " + function.get() + ": " + why.get());
                continue;
            }
            return new Choice.Chosen(variant, kind == AttachKind.PROBE ? function.map(symbols::kprobeTarget) : function);
        }
        return new Choice.Refused(point.name() + ": no usable variant (" + String.join("; ", refusals) + ")");
    }
}
