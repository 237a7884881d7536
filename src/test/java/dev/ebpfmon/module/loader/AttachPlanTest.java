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
import org.junit.jupiter.api.Test;

/** A probe point's variant is the first that the config allows and the kernel supports. */
class AttachPlanTest {
    private static final ProbePoint OPEN = new ProbePoint("open", List.of(
            new ProbeVariant(AttachKind.TRAMPOLINE, "fexit_open"),
            new ProbeVariant(AttachKind.PROBE, "kretprobe_open"),
            new ProbeVariant(AttachKind.TP_BTF, "sys_exit_btf"),
            new ProbeVariant(AttachKind.RAW_TP, "sys_exit_raw")));

    private static Map<AttachKind, AttachSupport> support(AttachKind... working) {
        Map<AttachKind, AttachSupport> map = new EnumMap<>(AttachKind.class);
        for (AttachKind kind : AttachKind.values()) {
            boolean works = List.of(working).contains(kind);
            map.put(kind, new AttachSupport(kind, works, works ? "" : kind.label() + " refused by test kernel"));
        }
        return map;
    }

    private static AttachPlan.Choice choose(CoreTracing tracing, AttachKind... working) {
        return new AttachPlan(support(working)).choose(OPEN, AttachPlan.allowed(tracing));
    }

    @Test
    void aKernelWithEverythingGetsTheConfiguredStartOfTheChain() {
        AttachKind[] all = AttachKind.values();
        assertThat(choose(CoreTracing.TRAMPOLINE, all)).isEqualTo(new AttachPlan.Choice.Chosen(OPEN.variants().get(0)));
        assertThat(choose(CoreTracing.PROBE, all)).isEqualTo(new AttachPlan.Choice.Chosen(OPEN.variants().get(1)));
        assertThat(choose(CoreTracing.TRACEPOINT, all)).isEqualTo(new AttachPlan.Choice.Chosen(OPEN.variants().get(2)));
    }

    @Test
    void aKernelLikeOursFallsDownToTracepoints() {
        assertThat(choose(CoreTracing.TRAMPOLINE, AttachKind.TP_BTF, AttachKind.RAW_TP))
                .isEqualTo(new AttachPlan.Choice.Chosen(OPEN.variants().get(2)));
        assertThat(choose(CoreTracing.TRAMPOLINE, AttachKind.RAW_TP))
                .isEqualTo(new AttachPlan.Choice.Chosen(OPEN.variants().get(3)));
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
}
