package dev.ebpfmon.kernel;

import static dev.ebpfmon.kernel.BtfBuilder.FUNC;
import static dev.ebpfmon.kernel.BtfBuilder.FUNC_PROTO;
import static dev.ebpfmon.kernel.BtfBuilder.TYPEDEF;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kernel functions and tracepoints looked up in a fake /sys and /proc. */
class KernelSymbolsTest {
    @TempDir
    Path root;

    private BtfBuilder vmlinux;

    private void file(String relative, byte[] content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    private void file(String relative, String content) throws IOException {
        file(relative, content.getBytes());
    }

    @BeforeEach
    void kernel() throws IOException {
        vmlinux = new BtfBuilder().type("", FUNC_PROTO, 2).type("vfs_read", FUNC).type("swap_read_folio", FUNC)
                .type("do_inlined", FUNC).type("do_notrace", FUNC).type("btf_trace_sched_process_exec", TYPEDEF);
        file("sys/kernel/btf/vmlinux", vmlinux.bytes());
        file("sys/kernel/btf/md_mod", BtfBuilder.splitOver(vmlinux).type("", FUNC_PROTO, 1)
                .type("md_flush_request", FUNC).bytes());
        file("proc/kallsyms", """
                ffffffff81000000 T vfs_read
                ffffffff81000100 t swap_read_folio
                ffffffff81000200 t do_notrace
                ffffffff81000300 D some_data
                ffffffffc0000000 t md_flush_request\t[md_mod]
                """);
        file("sys/kernel/tracing/available_filter_functions", """
                vfs_read
                swap_read_folio
                md_flush_request [md_mod]
                """);
        Files.createDirectories(root.resolve("sys/kernel/tracing/events/sched/sched_process_exec"));
        file("proc/mounts", "tracefs /sys/kernel/tracing tracefs rw 0 0\n");
    }

    private KernelSymbols symbols() {
        return KernelSymbols.forRoot(root);
    }

    @Test
    void functionsOfVmlinuxAndLoadedModules() {
        KernelSymbols s = symbols();
        assertThat(s.hasFunction("vfs_read")).isTrue();
        assertThat(s.hasFunction("md_flush_request")).as("from the md_mod module's split BTF").isTrue();
        assertThat(s.hasFunction("some_data")).isFalse();
        assertThat(s.hasFunction("swap_readpage")).isFalse();
    }

    @Test
    void renamedFunctionsResolveToTheOneThisKernelHas() {
        assertThat(symbols().firstFunction(List.of("swap_readpage", "swap_read_folio"))).contains("swap_read_folio");
        assertThat(symbols().firstFunction(List.of("a", "b"))).isEmpty();
    }

    @Test
    void tracepointsFromTracefs() {
        assertThat(symbols().hasTracepoint("sched", "sched_process_exec")).isTrue();
        assertThat(symbols().hasTracepoint("sched", "sched_process_fork")).isFalse();
        assertThat(symbols().hasTracepoint("syscalls", "sched_process_exec")).isFalse();
    }

    @Test
    void withoutTracefsRawTracepointsComeFromBtf() throws IOException {
        deleteTree(root.resolve("sys/kernel/tracing"));
        file("proc/mounts", "");
        KernelSymbols s = symbols();
        assertThat(s.hasTracepoint("sched", "sched_process_exec")).isTrue();
        assertThat(s.hasTracepoint("sched", "sched_switch")).isFalse();
    }

    @Test
    void saysWhyAFunctionCannotBeTraced() {
        KernelSymbols s = symbols();
        assertThat(s.whyNoTrampoline("vfs_read")).isEmpty();
        assertThat(s.whyNoKprobe("vfs_read")).isEmpty();
        assertThat(s.whyNoTrampoline("md_flush_request")).isEmpty();

        assertThat(s.whyNoTrampoline("do_notrace")).get().asString()
                .contains("not in available_filter_functions: it is inlined or marked notrace");
        assertThat(s.whyNoKprobe("do_notrace")).get().asString()
                .contains("not in available_filter_functions", "kprobes are refused as well");

        assertThat(s.whyNoTrampoline("do_inlined")).get().asString().contains("inlined or marked notrace");
        assertThat(s.whyNoKprobe("do_inlined")).get().asString()
                .contains("no symbol in /proc/kallsyms: it is inlined everywhere");

        assertThat(s.whyNoTrampoline("swap_readpage")).get().asString()
                .isEqualTo("swap_readpage does not exist in this kernel (renamed, removed, or in a module that is not loaded)");
        assertThat(s.whyNoKprobe("swap_readpage")).get().asString().contains("does not exist");
    }

    @Test
    void aKprobeGoesToTheCompilersCloneWhenKallsymsHasOnlyThatFentryKeepsTheBtfName() throws IOException {
        vmlinux.type("lookup_fast", FUNC);
        file("sys/kernel/btf/vmlinux", vmlinux.bytes());
        file("proc/kallsyms", "ffffffff81000000 t lookup_fast.constprop.0\nffffffff81000100 T vfs_read\n");
        file("sys/kernel/tracing/available_filter_functions", "lookup_fast.constprop.0\nvfs_read\n");
        KernelSymbols s = symbols();
        assertThat(s.kprobeTarget("lookup_fast")).isEqualTo("lookup_fast.constprop.0");
        assertThat(s.kprobeTarget("vfs_read")).isEqualTo("vfs_read");
        assertThat(s.whyNoKprobe("lookup_fast")).isEmpty();
        assertThat(s.hasFunction("lookup_fast")).isTrue();
    }

    @Test
    void aModuleWithoutBtfHasItsFunctionsInKallsymsForKprobesOnly() throws IOException {
        // kernels before 5.11 have no BTF for modules: md_mod's functions are in kallsyms alone
        Files.delete(root.resolve("sys/kernel/btf/md_mod"));
        KernelSymbols s = symbols();
        assertThat(s.hasFunction("md_flush_request")).isTrue();
        assertThat(s.whyNoKprobe("md_flush_request")).isEmpty();
        assertThat(s.whyNoTrampoline("md_flush_request")).get().asString()
                .contains("not in BTF", "fentry/fexit cannot attach");
    }

    @Test
    void kprobeBlacklistNeedsDebugfs() throws IOException {
        file("sys/kernel/debug/kprobes/blacklist", "0xffffffff81000000-0xffffffff81000040\tvfs_read\n");
        assertThat(symbols().whyNoKprobe("vfs_read")).get().asString().contains("kprobe blacklist");
        assertThat(symbols().whyNoTrampoline("vfs_read")).isEmpty();
    }

    @Test
    void withoutBtfFunctionsComeFromKallsymsAndTrampolinesAreOut() throws IOException {
        deleteTree(root.resolve("sys/kernel/btf"));
        KernelSymbols s = symbols();
        assertThat(s.hasFunction("swap_read_folio")).isTrue();
        assertThat(s.hasFunction("some_data")).as("a data symbol is no function").isFalse();
        assertThat(s.whyNoTrampoline("vfs_read")).get().asString().contains("need BTF");
        assertThat(s.whyNoKprobe("vfs_read")).isEmpty();
    }

    @Test
    void unreadableListsMeanNoVerdictRatherThanAGuess() throws IOException {
        Files.delete(root.resolve("sys/kernel/tracing/available_filter_functions"));
        Files.delete(root.resolve("proc/kallsyms"));
        KernelSymbols s = symbols();
        assertThat(s.whyNoTrampoline("do_inlined")).isEmpty();
        assertThat(s.whyNoKprobe("do_inlined")).isEmpty();
        assertThat(s.whyNoKprobe("nothing_like_it")).get().asString().contains("does not exist");
    }

    @Test
    void answersAreRememberedPerInspector() throws IOException {
        KernelInspector inspector = KernelInspector.forRoot(root);
        assertThat(inspector.symbols()).isSameAs(inspector.symbols());
        assertThat(inspector.symbols().hasFunction("vfs_read")).isTrue();
        Files.delete(root.resolve("sys/kernel/btf/vmlinux"));
        assertThat(inspector.symbols().hasFunction("vfs_read")).as("read once").isTrue();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
