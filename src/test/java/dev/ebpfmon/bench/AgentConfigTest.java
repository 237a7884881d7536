package dev.ebpfmon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebpfmon.config.ConfigDirs;
import dev.ebpfmon.config.ConfigLoader;
import dev.ebpfmon.config.EbpfConfig;
import dev.ebpfmon.config.LoadMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configurations the benchmark writes mean, to ebpfmon's own loader, what BENCHMARKS.md says. */
class AgentConfigTest {
    @TempDir
    Path dir;

    @Test
    void theAllFileOfToolsBenchIsTheBenchmarksOwn() throws Exception {
        // tools/bench/pair.sh runs two builds on this file: it must stay what make bench calls "all"
        assertThat(Files.readString(Path.of("tools/bench/all/ebpf.d.conf"))).isEqualTo(AgentConfig.everything().ebpfdConf());
    }

    @Test
    void stockIsNetdata1371sFile() throws Exception {
        EbpfConfig c = load(AgentConfig.stock());
        assertThat(c.problems()).isEmpty();
        assertThat(c.global().loadMode()).isEqualTo(LoadMode.ENTRY);
        assertThat(c.global().apps()).isTrue();
        assertThat(c.global().cgroups()).isFalse();
        assertThat(c.global().updateEvery()).isEqualTo(5);
        assertThat(c.global().pidTableSize()).isEqualTo(32768);
        assertThat(c.enabledModules()).containsExactlyInAnyOrder("process", "fd", "vfs", "socket", "sync", "mount", "oomkill",
                "softirq", "hardirq");
        assertThat(c.networkConnections()).isFalse();
        assertThat(AgentConfig.stock().updateEvery()).isEqualTo(5);
    }

    @Test
    void everythingSwitchesOnAllSixteenModulesInReturnModeEverySecond() throws Exception {
        EbpfConfig c = load(AgentConfig.everything());
        assertThat(c.problems()).isEmpty();
        assertThat(c.global().loadMode()).isEqualTo(LoadMode.RETURN);
        assertThat(c.global().apps()).isTrue();
        assertThat(c.global().cgroups()).isTrue();
        assertThat(c.global().updateEvery()).isEqualTo(1);
        assertThat(c.enabledModules()).hasSize(16).containsExactlyElementsOf(AgentConfig.MODULES);
    }

    @Test
    void oneModuleAloneKeepsTheSettingsOfEverything() throws Exception {
        EbpfConfig c = load(AgentConfig.only("vfs"));
        assertThat(c.enabledModules()).containsExactly("vfs");
        assertThat(c.global().loadMode()).isEqualTo(LoadMode.RETURN);
        assertThat(c.global().cgroups()).isTrue();
        assertThatThrownBy(() -> AgentConfig.only("dns")).hasMessageContaining("unknown module 'dns'");
    }

    @Test
    void builtinIsAnEmptyDirectory() throws Exception {
        Path written = AgentConfig.builtin().writeUnder(dir);
        try (var files = Files.list(written)) {
            assertThat(files.toList()).isEmpty();
        }
        EbpfConfig c = ConfigLoader.load(new ConfigDirs(List.of(written), List.of()),
                dev.ebpfmon.module.ModuleCatalog.configDefaults());
        assertThat(c.enabledModules()).containsExactlyInAnyOrderElementsOf(dev.ebpfmon.module.ModuleCatalog.implemented()
                .stream().filter(m -> m.info().enabledByDefault()).map(dev.ebpfmon.module.Module::name).toList());
        assertThat(c.global().apps()).isFalse();
    }

    private EbpfConfig load(AgentConfig config) throws Exception {
        return ConfigLoader.load(new ConfigDirs(List.of(config.writeUnder(dir)), List.of()),
                dev.ebpfmon.module.ModuleCatalog.configDefaults());
    }
}
