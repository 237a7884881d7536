package dev.ebpfmon.module.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.IniFile;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import dev.ebpfmon.module.ProbeVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the module loads on a kernel, and which charts filesystem.conf leaves it. */
class FilesystemModuleTest {
    private final FilesystemModule module = new FilesystemModule();
    private final List<ConfigProblem> problems = new ArrayList<>();

    private record Kernel(Set<String> functions) implements KernelSymbols {
        @Override
        public boolean hasFunction(String name) {
            return functions.contains(name);
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
    }

    private static final Set<String> EXT4_AND_NFS4 = Set.of("ext4_file_read_iter", "ext4_file_write_iter",
            "ext4_file_open", "ext4_sync_file", "nfs_file_read", "nfs_file_write", "nfs_file_open", "nfs4_file_open",
            "nfs_getattr");

    private ModuleContext context(Set<String> functions, String conf) {
        Optional<IniFile> file = conf == null ? Optional.empty()
                : Optional.of(IniFile.parse("filesystem.conf", conf, problems));
        return new ModuleContext(ModuleSettings.builtIn("filesystem"), file, 0, problems, new Kernel(functions));
    }

    @Test
    void loadsTheTypesThisKernelHasWithEachFunctionsEntryAndReturn() {
        ObjectUse use = module.uses(context(EXT4_AND_NFS4, null)).getFirst();
        assertThat(use.object()).isEqualTo("filesystem");
        assertThat(use.maps()).containsOnlyKeys("filesystem_global", "fs_start");
        assertThat(use.probePoints()).extracting(ProbePoint::name).containsExactly(
                "ext4_read", "ext4_read_return", "ext4_write", "ext4_write_return", "ext4_open", "ext4_open_return",
                "ext4_sync", "ext4_sync_return", "nfs_read", "nfs_read_return", "nfs_write", "nfs_write_return",
                "nfs_open", "nfs_open_return", "nfs_open4", "nfs_open4_return", "nfs_attr", "nfs_attr_return");
        ProbePoint read = use.probePoints().getFirst();
        assertThat(read.variants()).containsExactly(
                new ProbeVariant(AttachKind.TRAMPOLINE, "fs_ext4_read_entry", List.of("ext4_file_read_iter")),
                new ProbeVariant(AttachKind.PROBE, "fs_ext4_read_kprobe", List.of("ext4_file_read_iter")));
        assertThat(use.probePoints().get(15).variants()).extracting(ProbeVariant::program)
                .containsExactly("fs_nfs_open4_exit", "fs_nfs_open4_kretprobe");
    }

    @Test
    void aTypeSwitchedOffIsNeitherLoadedNorCharted() {
        ModuleContext context = context(EXT4_AND_NFS4, "[filesystem]\n    nfsdist = no\n    zfsdist = no\n");
        assertThat(module.uses(context).getFirst().probePoints()).extracting(ProbePoint::name)
                .allMatch(name -> name.startsWith("ext4_"));
        assertThat(module.charts(context)).extracting(Chart::id).containsExactly(
                "ext4_read_latency", "ext4_write_latency", "ext4_open_latency", "ext4_sync_latency",
                "xfs_read_latency", "xfs_write_latency", "xfs_open_latency", "xfs_sync_latency",
                "btrfs_read_latency", "btrfs_write_latency", "btrfs_open_latency", "btrfs_sync_latency");
        assertThat(problems).isEmpty();
    }

    @Test
    void badValuesAndUnknownKeysAreReportedWithFileLineAndKey() {
        ModuleContext context = context(EXT4_AND_NFS4, "[filesystem]\n    ext4dist = maybe\n    fatdist = yes\n");
        assertThat(module.charts(context)).extracting(Chart::id).contains("ext4_read_latency");
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "filesystem.conf:3: key 'fatdist': unknown key in [filesystem]; known keys are ext4dist, xfsdist, "
                        + "nfsdist, zfsdist, btrfsdist; ignored",
                "filesystem.conf:2: key 'ext4dist': expected yes or no (also true/false, on/off, 1/0, auto), "
                        + "got 'maybe' (using yes)");
    }

    @Test
    void saysWhyWhenNothingIsLeftToLoad() {
        assertThatThrownBy(() -> module.uses(context(Set.of("vfs_read"), null)))
                .hasMessage("none of ext4, xfs, nfs, zfs, btrfs is in this kernel: no function of theirs "
                        + "(ext4_file_read_iter, ...) in its BTF or /proc/kallsyms (a filesystem built as a module "
                        + "counts once loaded)");
        assertThatThrownBy(() -> module.uses(context(EXT4_AND_NFS4,
                "[filesystem]\next4dist = no\nxfsdist = no\nnfsdist = no\nzfsdist = no\nbtrfsdist = no\n")))
                .hasMessage("every filesystem is switched off in filesystem.conf [filesystem]");
    }
}
