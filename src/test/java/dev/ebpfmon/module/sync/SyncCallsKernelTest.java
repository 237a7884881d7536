package dev.ebpfmon.module.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.IniFile;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ProcessRecord;
import dev.ebpfmon.module.Workload;
import dev.ebpfmon.module.group.GroupCollector;
import dev.ebpfmon.module.loader.AttachedProgram;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.ModuleLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real BPF: calls switched off in sync.conf's {@code [syscalls]} are not counted (their code is
 * not even in the loaded program, which is smaller by it), the others are exactly, and the charts
 * the running collector draws have no dimension for them.
 */
@Tag("kernel")
class SyncCallsKernelTest {
    private static final int N = 4;

    @TempDir
    Path dir;

    private ModuleLoader.Request request(LoadMode mode, String... syscalls) {
        List<String> lines = new ArrayList<>(List.of("[syscalls]"));
        lines.addAll(List.of(syscalls));
        List<ConfigProblem> problems = new ArrayList<>();
        IniFile file = IniFile.parse(dir.resolve("sync.conf").toString(), String.join("\n", lines), problems);
        ModuleContext context = new ModuleContext(KernelTests.settings("sync").withLoadMode(mode).withGroups(true, false),
                Optional.of(file), 0, problems, KernelSymbols.system());
        return new ModuleLoader.Request(new SyncModule(), context);
    }

    @ParameterizedTest
    @EnumSource(LoadMode.class)
    void callsSwitchedOffAreNeitherCountedNorLoadedNorCharted(LoadMode mode, TestReporter report) throws Exception {
        long allOnBytes;
        try (LoadedModules all = KernelTests.load(List.of(request(mode)))) {
            allOnBytes = xlatedBytes(all);
        }
        try (LoadedModules modules = KernelTests.load(List.of(request(mode, "fsync = no", "msync = no")))) {
            assertThat(modules.statuses().getFirst().runs()).as(modules.statuses().toString()).isTrue();
            long twoOffBytes = xlatedBytes(modules);
            report.publishEntry("bytes_xlated", "all calls on: " + allOnBytes + ", fsync and msync off: " + twoOffBytes);
            assertThat(twoOffBytes).as("the dispatcher without fsync's and msync's code").isLessThan(allOnBytes);

            LoadedModules.Running sync = modules.running().getFirst();
            sync.collector().collect(new Tick());
            try (Workload workload = Workload.startStopped(dir, "sync-calls:" + N)) {
                long[] before = counters(modules, workload.pid());
                assertThat(workload.resumeAndWait()).isZero();
                long[] delta = counters(modules, workload.pid());
                for (int i = 0; i < delta.length; i++) {
                    delta[i] -= before[i];
                }
                assertThat(delta).as("sync, syncfs, fsync, fdatasync, msync, sync_file_range")
                        .containsExactly(N, N, 0, N, 0, N);
            }

            // as a tick of the agent: the records first (the host counts include them), then the host
            try (GroupCollector groups = GroupCollector.of(modules, AppsGroups.shipped(), false).orElseThrow()) {
                groups.collect(new Tick());
            }
            Tick tick = new Tick();
            sync.collector().collect(tick);
            Map<String, List<String>> drawn = new LinkedHashMap<>();
            for (Sample s : tick.samples()) {
                drawn.put(s.chart().fullId(), s.chart().dimensions().stream().map(Dimension::id).toList());
                assertThat(Arrays.stream(s.values()).min().orElseThrow())
                        .as(s.chart().fullId() + ": the host counts at least the workload's").isGreaterThanOrEqualTo(N);
            }
            assertThat(drawn).containsExactly(Map.entry("mem.file_sync", List.of("fdatasync")),
                    Map.entry("mem.sync", List.of("sync", "syncfs")),
                    Map.entry("mem.file_segment", List.of("sync_file_range")));
        }
    }

    private static long[] counters(LoadedModules modules, int pid) {
        return ProcessRecord.read(modules, pid).map(r -> r.counters(modules, "sync")).orElse(new long[SyncCounter.COUNT]);
    }

    /** Bytes of the attached dispatcher's instructions after the verifier, as bpftool reports them. */
    private static long xlatedBytes(LoadedModules modules) throws IOException, InterruptedException {
        AttachedProgram program = modules.attached().stream().filter(p -> p.object().equals("syscalls")).findFirst()
                .orElseThrow();
        String fdinfo = Files.readString(Path.of("/proc/self/fdinfo/" + program.program().fd()));
        Matcher id = Pattern.compile("prog_id:\\s+(\\d+)").matcher(fdinfo);
        assertThat(id.find()).as(fdinfo).isTrue();
        Process bpftool = new ProcessBuilder("bpftool", "-j", "prog", "show", "id", id.group(1))
                .redirectErrorStream(true).start();
        String json = new String(bpftool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bpftool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Matcher bytes = Pattern.compile("\"bytes_xlated\":(\\d+)").matcher(json);
        assertThat(bytes.find()).as(json).isTrue();
        return Long.parseLong(bytes.group(1));
    }
}
