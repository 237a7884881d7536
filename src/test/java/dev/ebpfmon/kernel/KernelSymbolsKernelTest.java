package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real kernel's BTF, read by our parser, names exactly the functions bpftool (libbpf) finds,
 * for vmlinux and for every loaded module (split BTF; the kernel matrix's guests have modules).
 */
@Tag("kernel")
class KernelSymbolsKernelTest {
    private static final Path BTF = Path.of("/sys/kernel/btf");
    private static final Pattern FUNC = Pattern.compile("(?m)^\\[\\d+] FUNC '([^']*)'");

    @Test
    void functionsOfEveryBtfFileAreThoseBpftoolLists() throws Exception {
        Btf vmlinux = Btf.parse(Files.readAllBytes(BTF.resolve("vmlinux")));
        assertThat(vmlinux.functions()).isEqualTo(bpftoolFunctions(List.of("bpftool", "btf", "dump", "file",
                BTF.resolve("vmlinux").toString()))).hasSizeGreaterThan(10_000);
        assertThat(vmlinux.rawTracepoints()).contains("sched_switch", "sys_enter");
        try (Stream<Path> files = Files.list(BTF)) {
            for (Path module : files.filter(p -> !p.getFileName().toString().equals("vmlinux")).toList()) {
                Btf split = Btf.parseSplit(Files.readAllBytes(module), vmlinux);
                assertThat(split.functions()).as(module.toString()).isEqualTo(bpftoolFunctions(List.of("bpftool",
                        "-B", BTF.resolve("vmlinux").toString(), "btf", "dump", "file", module.toString())));
            }
        }
    }

    @Test
    void theRunningKernelsFunctionsAndTracepoints() {
        KernelSymbols s = KernelSymbols.system();
        assertThat(s.hasFunction("vfs_read")).isTrue();
        assertThat(s.hasFunction("ebpfmon_no_such_function")).isFalse();
        assertThat(s.whyNoKprobe("ebpfmon_no_such_function")).get().asString().contains("does not exist");
        assertThat(s.hasTracepoint("sched", "sched_process_exec")).isTrue();
        assertThat(s.hasTracepoint("sched", "ebpfmon_no_such_event")).isFalse();
        assertThat(s.firstFunction(List.of("ebpfmon_no_such_function", "vfs_write"))).contains("vfs_write");
        assertThat(s).isSameAs(KernelSymbols.system());
    }

    /** Arguments of raw tracepoints as the kernel's BTF prototypes declare them (every kernel of the matrix). */
    @Test
    void tracepointArgumentsFromTheirBtfPrototypes() {
        KernelSymbols s = KernelSymbols.system();
        assertThat(s.tracepointArgs("sys_enter")).hasValue(2);           // regs, id
        assertThat(s.tracepointArgs("sched_process_fork")).hasValue(2);  // parent, child
        assertThat(s.tracepointArgs("sched_process_free")).hasValue(1);  // task
        // (q, rq) before 5.11 and its backports, (rq) since
        assertThat(s.tracepointArgs("block_rq_issue").orElseThrow()).isBetween(1, 2);
        assertThat(s.tracepointArgs("ebpfmon_no_such_event")).isEmpty();
    }

    private static Set<String> bpftoolFunctions(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out.lines().limit(5).toList().toString()).isZero();
        Set<String> names = new HashSet<>();
        Matcher m = FUNC.matcher(out);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
