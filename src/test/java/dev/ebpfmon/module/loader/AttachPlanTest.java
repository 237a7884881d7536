package dev.ebpfmon.module.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.CoreTracing;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.module.ProbePoint;
import dev.ebpfmon.module.ProbeVariant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.ebpfmon.kernel.KernelSymbols;
import org.junit.jupiter.api.Test;

/**
 * A probe point's variant is the first that the config allows, the kernel supports, and, on a
 * kernel function, whose function the kernel has under one of its names.
 */
class AttachPlanTest {
    private static final List<String> OPEN_FUNCTIONS = List.of("do_sys_openat2", "do_sys_open");
    private static final ProbePoint OPEN = ProbePoint.function("open", OPEN_FUNCTIONS, "fexit_open", "kretprobe_open",
            new ProbeVariant(AttachKind.TP_BTF, "sys_exit_btf"), new ProbeVariant(AttachKind.RAW_TP, "sys_exit_raw"));

    /** A kernel with these functions, of which {@code noKprobe} refuse kprobes. */
    private record FakeSymbols(Set<String> functions, Set<String> noKprobe) implements KernelSymbols {
        @Override
        public boolean hasFunction(String name) {
            return functions.contains(name);
        }

        @Override
        public boolean hasTracepoint(String category, String event) {
            return true;
        }

        @Override
        public Optional<String> whyNoTrampoline(String function) {
            return Optional.empty();
        }

        @Override
        public Optional<String> whyNoKprobe(String function) {
            return noKprobe.contains(function) ? Optional.of(function + " is inlined") : Optional.empty();
        }
    }

    private static final KernelSymbols NEW_KERNEL = new FakeSymbols(Set.of("do_sys_openat2", "do_sys_open"), Set.of());

    private static Map<AttachKind, AttachSupport> support(AttachKind... working) {
        Map<AttachKind, AttachSupport> map = new EnumMap<>(AttachKind.class);
        for (AttachKind kind : AttachKind.values()) {
            boolean works = List.of(working).contains(kind);
            map.put(kind, new AttachSupport(kind, works, works ? "" : kind.label() + " refused by test kernel"));
        }
        return map;
    }

    private static AttachPlan.Choice choose(CoreTracing tracing, AttachKind... working) {
        return new AttachPlan(support(working), NEW_KERNEL).choose(OPEN, AttachPlan.allowed(tracing));
    }

    private static AttachPlan.Choice.Chosen chosen(int variant) {
        ProbeVariant v = OPEN.variants().get(variant);
        return new AttachPlan.Choice.Chosen(v, v.functions().isEmpty() ? Optional.empty() : Optional.of("do_sys_openat2"));
    }

    @Test
    void aKernelWithEverythingGetsTheConfiguredStartOfTheChain() {
        AttachKind[] all = AttachKind.values();
        assertThat(choose(CoreTracing.TRAMPOLINE, all)).isEqualTo(chosen(0));
        assertThat(choose(CoreTracing.PROBE, all)).isEqualTo(chosen(1));
        assertThat(choose(CoreTracing.TRACEPOINT, all)).isEqualTo(chosen(2));
    }

    @Test
    void aKernelLikeOursFallsDownToTracepoints() {
        assertThat(choose(CoreTracing.TRAMPOLINE, AttachKind.TP_BTF, AttachKind.RAW_TP))
                .isEqualTo(chosen(2));
        assertThat(choose(CoreTracing.TRAMPOLINE, AttachKind.RAW_TP))
                .isEqualTo(chosen(3));
    }

    @Test
    void noUsableVariantSaysWhyForEachKind() {
        AttachPlan.Choice choice = choose(CoreTracing.PROBE, AttachKind.TRAMPOLINE);
        assertThat(choice).isInstanceOfSatisfying(AttachPlan.Choice.Refused.class, r -> assertThat(r.reasons())
                .startsWith("open: no usable variant")
                .contains("fentry/fexit excluded by 'ebpf co-re tracing'")
                .contains("kprobe/kretprobe: kprobe/kretprobe refused by test kernel")
                .contains("tp_btf: tp_btf refused by test kernel"));
    }

    @Test
    void aKprobeAttachesToTheSymbolKallsymsHasAndATrampolineToTheBtfName() {
        KernelSymbols symbols = new KernelSymbols() {
            @Override
            public boolean hasFunction(String name) {
                return name.equals("do_sys_openat2");
            }

            @Override
            public boolean hasTracepoint(String category, String event) {
                return true;
            }

            @Override
            public Optional<String> whyNoTrampoline(String function) {
                return Optional.empty();
            }

            @Override
            public Optional<String> whyNoKprobe(String function) {
                return Optional.empty();
            }

            @Override
            public String kprobeTarget(String function) {
                return function + ".constprop.0";
            }
        };
        AttachPlan plan = new AttachPlan(support(AttachKind.values()), symbols);
        assertThat(plan.choose(OPEN, AttachPlan.allowed(CoreTracing.PROBE)))
                .isEqualTo(new AttachPlan.Choice.Chosen(OPEN.variants().get(1), Optional.of("do_sys_openat2.constprop.0")));
        assertThat(plan.choose(OPEN, AttachPlan.allowed(CoreTracing.TRAMPOLINE)))
                .isEqualTo(new AttachPlan.Choice.Chosen(OPEN.variants().get(0), Optional.of("do_sys_openat2")));
    }

    @Test
    void aRenamedFunctionIsFoundUnderTheNameThisKernelHas() {
        KernelSymbols oldKernel = new FakeSymbols(Set.of("do_sys_open"), Set.of());
        AttachPlan.Choice choice = new AttachPlan(support(AttachKind.values()), oldKernel)
                .choose(OPEN, AttachPlan.allowed(CoreTracing.PROBE));
        assertThat(choice).isEqualTo(new AttachPlan.Choice.Chosen(OPEN.variants().get(1), Optional.of("do_sys_open")));
    }

    @Test
    void aFunctionMissingOrNotAttachableFallsDownTheChainAndSaysWhy() {
        KernelSymbols none = new FakeSymbols(Set.of(), Set.of());
        AttachPlan.Choice missing = new AttachPlan(support(AttachKind.TRAMPOLINE, AttachKind.PROBE), none)
                .choose(OPEN, AttachPlan.allowed(CoreTracing.TRAMPOLINE));
        assertThat(missing).isInstanceOfSatisfying(AttachPlan.Choice.Refused.class, r -> assertThat(r.reasons())
                .contains("fentry/fexit: this kernel has no do_sys_openat2 or do_sys_open"));

        KernelSymbols inlined = new FakeSymbols(Set.of("do_sys_openat2"), Set.of("do_sys_openat2"));
        AttachPlan.Choice fallback = new AttachPlan(support(AttachKind.PROBE, AttachKind.TP_BTF), inlined)
                .choose(OPEN, AttachPlan.allowed(CoreTracing.PROBE));
        assertThat(fallback).isEqualTo(chosen(2));
    }
}
