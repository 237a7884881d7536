package dev.ebpfmon.module.mdflush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ProbeVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** md_flush_request by trampoline or probe, when the md driver is there; why not otherwise. */
class MdflushModuleTest {
    private static ModuleContext context(boolean md) {
        return new ModuleContext(ModuleSettings.builtIn("mdflush"), Optional.empty(), 0, new ArrayList<>(),
                new KernelSymbols() {
                    @Override
                    public boolean hasFunction(String name) {
                        return md && name.equals("md_flush_request");
                    }

                    @Override
                    public boolean hasTracepoint(String category, String event) {
                        return false;
                    }

                    @Override
                    public Optional<String> whyNoTrampoline(String function) {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> whyNoKprobe(String function) {
                        return Optional.empty();
                    }
                });
    }

    @Test
    void attachesToMdFlushRequest() {
        var use = new MdflushModule().uses(context(true)).getFirst();
        assertThat(use.maps()).containsOnlyKeys("mdflush_count");
        assertThat(use.probePoints()).singleElement().satisfies(p -> assertThat(p.variants()).containsExactly(
                new ProbeVariant(AttachKind.TRAMPOLINE, "md_flush_fentry", List.of("md_flush_request")),
                new ProbeVariant(AttachKind.PROBE, "md_flush_kprobe", List.of("md_flush_request"))));
    }

    @Test
    void withoutTheMdDriverItSaysSo() {
        assertThatThrownBy(() -> new MdflushModule().uses(context(false)))
                .hasMessageStartingWith("the md driver is not loaded: md_flush_request is not in this kernel");
    }
}
