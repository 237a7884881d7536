package dev.ebpfmon.module.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.config.ConfigDirs;
import dev.ebpfmon.config.ConfigLoader;
import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.EbpfConfig;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ObjectUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sync.conf's {@code [syscalls]}, read through the agent's configuration loader: a call switched
 * off loses its dimension and its bit in the BPF mask, a chart whose calls are all off is gone,
 * bad values and unknown keys are reported with file, line and key.
 */
class SyncModuleTest {
    @TempDir
    Path dir;

    private final SyncModule module = new SyncModule();

    /** The module's context as the agent builds it from ebpf.d/sync.conf holding {@code lines}. */
    private ModuleContext context(String... lines) throws IOException {
        Files.createDirectories(dir.resolve("ebpf.d"));
        Files.writeString(dir.resolve("ebpf.d/sync.conf"), String.join("\n", lines) + "\n");
        EbpfConfig config = ConfigLoader.load(new ConfigDirs(List.of(dir), List.of()), ModuleCatalog.configDefaults());
        assertThat(config.problems()).as("the loader leaves [syscalls] to the module").isEmpty();
        ModuleContext base = ModuleContext.of(config.module("sync"));
        return new ModuleContext(base.settings(), config.moduleFile("sync"), 0, new ArrayList<>(), base.kernel());
    }

    /** chart id -> its dimension ids. */
    private Map<String, List<String>> charts(ModuleContext context) {
        Map<String, List<String>> charts = new LinkedHashMap<>();
        for (Chart c : module.charts(context)) {
            charts.put(c.fullId(), c.dimensions().stream().map(Dimension::id).toList());
        }
        return charts;
    }

    private long mask(ModuleContext context) {
        ObjectUse use = module.uses(context).getFirst();
        return use.globals().get(SyncModule.CALLS_GLOBAL);
    }

    @Test
    void everyCallIsOnWithoutAFileOrAnEmptySection() throws IOException {
        Map<String, List<String>> all = Map.of("mem.file_sync", List.of("fsync", "fdatasync"),
                "mem.memory_map", List.of("msync"), "mem.sync", List.of("sync", "syncfs"),
                "mem.file_segment", List.of("sync_file_range"));
        ModuleContext none = ModuleContext.of(ModuleSettings.builtIn("sync"));
        assertThat(charts(none)).containsExactlyInAnyOrderEntriesOf(all);
        assertThat(mask(none)).isEqualTo(0b111111);
        ModuleContext empty = context("[syscalls]", "#    fsync = yes");
        assertThat(charts(empty)).containsExactlyInAnyOrderEntriesOf(all);
        assertThat(mask(empty)).isEqualTo(0b111111);
        assertThat(empty.problems()).isEmpty();
    }

    @Test
    void aCallSwitchedOffLosesItsDimensionAndItsBit() throws IOException {
        ModuleContext c = context("[syscalls]", "    fsync = no", "    msync = no", "    sync = yes");
        assertThat(charts(c)).containsExactly(
                Map.entry("mem.file_sync", List.of("fdatasync")),
                Map.entry("mem.sync", List.of("sync", "syncfs")),
                Map.entry("mem.file_segment", List.of("sync_file_range")));
        assertThat(mask(c)).isEqualTo(0b111111 & ~(1L << SyncCounter.FSYNC.id()) & ~(1L << SyncCounter.MSYNC.id()));
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void aChartWhoseCallsAreAllOffIsNotDrawn() throws IOException {
        ModuleContext c = context("[syscalls]", "sync = no", "syncfs = false", "fdatasync = off", "fsync = 0");
        assertThat(charts(c)).containsOnlyKeys("mem.memory_map", "mem.file_segment");
        assertThat(mask(c)).isEqualTo((1L << SyncCounter.MSYNC.id()) | (1L << SyncCounter.SYNC_FILE_RANGE.id()));
    }

    @Test
    void badValuesAndUnknownCallsAreReportedWithFileLineAndKey() throws IOException {
        ModuleContext c = context("[global]", "update every = 1", "[syscalls]", "fsync = sometimes", "fsnyc = no");
        // a bad value keeps the call on, as Netdata's default
        assertThat(charts(c)).containsEntry("mem.file_sync", List.of("fsync", "fdatasync"));
        module.uses(c);
        module.charts(c);
        Path file = dir.resolve("ebpf.d/sync.conf");
        assertThat(c.problems()).as("each problem once, however often the module reads its file").containsExactly(
                new ConfigProblem(ConfigProblem.Severity.ERROR, file, 4, "fsync",
                        "expected yes or no (also true/false, on/off, 1/0, auto), got 'sometimes' (using yes)"),
                new ConfigProblem(ConfigProblem.Severity.WARNING, file, 5, "fsnyc",
                        "not a call of the sync module (sync, syncfs, fsync, fdatasync, msync, sync_file_range); ignored"));
        assertThat(c.problems().get(0).toString()).startsWith(file + ":4: key 'fsync': expected yes or no");
    }

    @Test
    void everyCallOffLeavesTheModuleNothingToLoadAndSaysWhy() throws IOException {
        ModuleContext c = context("[syscalls]", "sync = no", "syncfs = no", "fsync = no", "fdatasync = no",
                "msync = no", "sync_file_range = no");
        assertThat(charts(c)).isEmpty();
        assertThatThrownBy(() -> module.uses(c)).hasMessage("every call is switched off in [syscalls] of "
                + dir.resolve("ebpf.d/sync.conf"));
    }
}
