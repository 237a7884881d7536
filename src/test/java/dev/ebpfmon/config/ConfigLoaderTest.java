package dev.ebpfmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebpfmon.config.ConfigProblem.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private EbpfConfig load() {
        return TestModules.load(new ConfigDirs(List.of(dir), List.of()));
    }

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static ConfigProblem only(EbpfConfig c) {
        assertThat(c.problems()).hasSize(1);
        return c.problems().getFirst();
    }

    @Test
    void noFilesMeansBuiltInDefaults() {
        EbpfConfig c = load();
        assertThat(c.problems()).isEmpty();
        assertThat(c.sources()).isEmpty();
        assertThat(c.global()).isEqualTo(new ModuleSettings("global", false, LoadMode.ENTRY, 1, 32768,
                false, false, TypeFormat.AUTO, CoreTracing.TRAMPOLINE, 300));
        assertThat(c.enabledModules()).containsExactly("process", "vfs", "fd");
        assertThat(c.modules().keySet()).containsExactlyElementsOf(NetdataModules.NAMES);
        assertThat(c.module("sync").enabled()).isFalse();
        assertThat(c.module("vfs")).isEqualTo(c.global().as("vfs", true));
        assertThat(c.networkConnections()).isFalse();
        assertThat(c.moduleFiles()).isEmpty();
    }

    @Test
    void readsEveryGlobalKey() throws IOException {
        Path main = write("ebpf.d.conf", """
                [global]
                    ebpf load mode = Return
                    update every = 5
                    pid table size = 1024
                    apps = yes
                    cgroups = on
                    ebpf type format = CO-RE
                    ebpf co-re tracing = probe
                    lifetime = 60
                """);
        EbpfConfig c = load();
        assertThat(c.problems()).isEmpty();
        assertThat(c.sources()).containsExactly(main);
        assertThat(c.global()).isEqualTo(new ModuleSettings("global", false, LoadMode.RETURN, 5, 1024,
                true, true, TypeFormat.CORE, CoreTracing.PROBE, 60));
        assertThat(c.module("cachestat").updateEvery()).isEqualTo(5);
    }

    @Test
    void toleratesNetdataKeysAndSectionsWeDoNotUse() throws IOException {
        write("ebpf.d.conf", """
                [global]
                    btf path = /sys/kernel/btf/
                    maps per core = yes
                    ebpf object flavor = buffer
                    collect pid = all
                    disable apps = no
                [ebpf programs]
                    dns = no
                [ipc]
                    integration = disabled
                    backlog = 20
                """);
        assertThat(load().problems()).isEmpty();
    }

    @Test
    void olderLoadKeyIsHonouredButNewNameWins() throws IOException {
        write("ebpf.d.conf", "[global]\nload = return\n");
        assertThat(load().global().loadMode()).isEqualTo(LoadMode.RETURN);
        write("ebpf.d.conf", "[global]\nload = return\nebpf load mode = entry\n");
        assertThat(load().global().loadMode()).isEqualTo(LoadMode.ENTRY);
    }

    @Test
    void programsSectionEnablesAndDisablesModules() throws IOException {
        write("ebpf.d.conf", """
                [ebpf programs]
                    process = no
                    sync = yes
                    socket = true
                    network connections = yes
                    oomkill = 1
                    fd = off
                """);
        EbpfConfig c = load();
        assertThat(c.problems()).isEmpty();
        assertThat(c.enabledModules()).containsExactly("socket", "sync", "vfs", "oomkill");
        assertThat(c.networkConnections()).isTrue();
    }

    @Test
    void autoCountsAsYesLikeNetdata() throws IOException {
        write("ebpf.d.conf", "[global]\napps = auto\ncgroups = on demand\n");
        EbpfConfig c = load();
        assertThat(c.problems()).isEmpty();
        assertThat(c.global().apps()).isTrue();
        assertThat(c.global().cgroups()).isTrue();
    }

    @Test
    void badBooleanKeepsDefaultAndNamesIt() throws IOException {
        Path main = write("ebpf.d.conf", "[global]\n\napps = maybe\n");
        EbpfConfig c = load();
        assertThat(c.global().apps()).isFalse();
        ConfigProblem p = only(c);
        assertThat(p.severity()).isEqualTo(Severity.ERROR);
        assertThat(p.file()).isEqualTo(main);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.key()).isEqualTo("apps");
        assertThat(p.message()).contains("yes or no").contains("'maybe'").endsWith("(using no)");
    }

    @Test
    void badNumberKeepsDefault() throws IOException {
        Path main = write("ebpf.d.conf", "[global]\nupdate every = fast\n");
        EbpfConfig c = load();
        assertThat(c.global().updateEvery()).isEqualTo(1);
        assertThat(only(c)).hasToString(main + ":2: key 'update every': "
                + "expected a whole number of seconds >= 1, got 'fast' (using 1)");
    }

    @Test
    void negativeZeroAndHugeNumbersAreRejected() throws IOException {
        write("ebpf.d.conf", """
                [global]
                    update every = -3
                    pid table size = 0
                    lifetime = 99999999999
                """);
        EbpfConfig c = load();
        assertThat(c.global().updateEvery()).isEqualTo(1);
        assertThat(c.global().pidTableSize()).isEqualTo(32768);
        assertThat(c.global().lifetimeSeconds()).isEqualTo(300);
        assertThat(c.problems()).extracting(ConfigProblem::key)
                .containsExactly("update every", "pid table size", "lifetime");
        assertThat(c.problems().get(1).message()).contains("between 1 and 4194304").endsWith("(using 32768)");
    }

    @Test
    void pidTableSizeUpperBound() throws IOException {
        write("ebpf.d.conf", "[global]\npid table size = 4194304\n");
        assertThat(load().global().pidTableSize()).isEqualTo(4_194_304);
        write("ebpf.d.conf", "[global]\npid table size = 4194305\n");
        assertThat(load().global().pidTableSize()).isEqualTo(32768);
    }

    @Test
    void badEnumWordsListTheChoices() throws IOException {
        write("ebpf.d.conf", """
                [global]
                    ebpf load mode = exit
                    ebpf type format = core
                    ebpf co-re tracing = fentry
                """);
        EbpfConfig c = load();
        assertThat(c.global()).isEqualTo(Defaults.GLOBAL);
        assertThat(c.problems()).extracting(ConfigProblem::message).containsExactly(
                "expected one of entry, return, got 'exit' (using entry)",
                "expected one of auto, legacy, co-re, got 'core' (using auto)",
                "expected one of trampoline, probe, tracepoint, got 'fentry' (using trampoline)");
    }

    @Test
    void unknownKeyIsAWarning() throws IOException {
        write("ebpf.d.conf", "[global]\nupdate evry = 3\n");
        ConfigProblem p = only(load());
        assertThat(p.severity()).isEqualTo(Severity.WARNING);
        assertThat(p.key()).isEqualTo("update evry");
        assertThat(p.line()).isEqualTo(2);
    }

    @Test
    void unknownModuleIsAWarning() throws IOException {
        write("ebpf.d.conf", "[ebpf programs]\nprocess = yes\nbiolatency = yes\n");
        EbpfConfig c = load();
        ConfigProblem p = only(c);
        assertThat(p.severity()).isEqualTo(Severity.WARNING);
        assertThat(p.key()).isEqualTo("biolatency");
        assertThat(p.message()).contains("unknown module");
        assertThat(c.modules()).doesNotContainKey("biolatency");
    }

    @Test
    void enablingUnsupportedNetdataModuleWarns() throws IOException {
        write("ebpf.d.conf", "[ebpf programs]\ndns = yes\n");
        assertThat(only(load()).message()).contains("not implemented");
    }

    @Test
    void badModuleSwitchKeepsItsDefault() throws IOException {
        write("ebpf.d.conf", "[ebpf programs]\nprocess = perhaps\nsync = perhaps\n");
        EbpfConfig c = load();
        assertThat(c.module("process").enabled()).isTrue();
        assertThat(c.module("sync").enabled()).isFalse();
        assertThat(c.problems()).extracting(ConfigProblem::message)
                .containsExactly("expected yes or no (also true/false, on/off, 1/0, auto), got 'perhaps' (using yes)",
                        "expected yes or no (also true/false, on/off, 1/0, auto), got 'perhaps' (using no)");
    }

    @Test
    void unknownSectionInMainFileIsAWarning() throws IOException {
        write("ebpf.d.conf", "[global]\n[network connections]\nenabled = yes\n");
        ConfigProblem p = only(load());
        assertThat(p.severity()).isEqualTo(Severity.WARNING);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("[network connections]");
    }

    @Test
    void malformedLineIsReportedAndTheRestStillApplies() throws IOException {
        write("ebpf.d.conf", "[global]\nupdate every 5\nlifetime = 7\n");
        EbpfConfig c = load();
        assertThat(c.global().lifetimeSeconds()).isEqualTo(7);
        assertThat(only(c).line()).isEqualTo(2);
    }

    @Test
    void unreadableMainFileIsAnErrorAndDefaultsApply() throws IOException {
        Files.createDirectories(dir.resolve("ebpf.d.conf"));
        EbpfConfig c = load();
        assertThat(c.global()).isEqualTo(Defaults.GLOBAL);
        assertThat(only(c).severity()).isEqualTo(Severity.ERROR);
        assertThat(only(c).file()).isEqualTo(dir.resolve("ebpf.d.conf"));
    }

    @Test
    void moduleFileOverridesOnlyWhatItSaysAndInheritsTheRest() throws IOException {
        write("ebpf.d.conf", """
                [global]
                    update every = 5
                    apps = yes
                    lifetime = 10
                [ebpf programs]
                    sync = yes
                """);
        Path syncConf = write("ebpf.d/sync.conf", """
                [global]
                    update every = 2
                    ebpf co-re tracing = tracepoint
                [syscalls]
                    fsync = no
                """);
        EbpfConfig c = load();
        assertThat(c.problems()).isEmpty();
        assertThat(c.module("sync")).isEqualTo(new ModuleSettings("sync", true, LoadMode.ENTRY, 2, 32768,
                true, false, TypeFormat.AUTO, CoreTracing.TRACEPOINT, 10));
        assertThat(c.module("vfs").updateEvery()).isEqualTo(5);
        assertThat(c.module("vfs").coreTracing()).isEqualTo(CoreTracing.TRAMPOLINE);
        assertThat(c.global().updateEvery()).isEqualTo(5);
        assertThat(c.moduleFile("sync")).get().satisfies(f -> {
            assertThat(f.file()).isEqualTo(syncConf);
            assertThat(f.get("syscalls", "fsync").orElseThrow().value()).isEqualTo("no");
        });
        assertThat(c.moduleFile("vfs")).isEmpty();
        assertThat(c.sources()).containsExactly(dir.resolve("ebpf.d.conf"), syncConf);
    }

    @Test
    void moduleFileWorksWithoutMainFile() throws IOException {
        write("ebpf.d/fd.conf", "[global]\napps = yes\n");
        EbpfConfig c = load();
        assertThat(c.module("fd").apps()).isTrue();
        assertThat(c.module("fd").enabled()).isTrue();
        assertThat(c.global().apps()).isFalse();
    }

    @Test
    void badValueInModuleFileFallsBackToInheritedValue() throws IOException {
        write("ebpf.d.conf", "[global]\nupdate every = 4\n");
        Path vfs = write("ebpf.d/vfs.conf", "[global]\nupdate every = 0\nsomething = 1\n[whatever]\nx = y\n");
        EbpfConfig c = load();
        assertThat(c.module("vfs").updateEvery()).isEqualTo(4);
        assertThat(c.problems()).hasSize(2);
        assertThat(c.problems().get(0)).satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.key()).isEqualTo("something");
        });
        assertThat(c.problems().get(1)).hasToString(vfs + ":2: key 'update every': "
                + "expected a whole number of seconds >= 1, got '0' (using 4)");
    }

    @Test
    void socketModuleReadsNetworkConfThenSocketConf() throws IOException {
        write("ebpf.d/socket.conf", "[global]\nupdate every = 3\n");
        assertThat(load().module("socket").updateEvery()).isEqualTo(3);
        write("ebpf.d/network.conf", "[global]\nupdate every = 7\nsocket monitoring table size = 16384\n");
        EbpfConfig c = load();
        assertThat(c.problems()).isEmpty();
        assertThat(c.module("socket").updateEvery()).isEqualTo(7);
        assertThat(c.moduleFile("socket").orElseThrow().file()).isEqualTo(dir.resolve("ebpf.d/network.conf"));
    }

    @Test
    void userCopyWinsPerFileOverStockCopy(@TempDir Path stock) throws IOException {
        Path user = dir;
        Files.writeString(stock.resolve("ebpf.d.conf"), "[global]\nupdate every = 9\nlifetime = 9\n");
        Files.createDirectories(stock.resolve("ebpf.d"));
        Files.writeString(stock.resolve("ebpf.d/fd.conf"), "[global]\nlifetime = 11\n");
        Files.writeString(stock.resolve("ebpf.d/vfs.conf"), "[global]\nlifetime = 12\n");
        write("ebpf.d/vfs.conf", "[global]\nlifetime = 13\n");

        EbpfConfig c = TestModules.load(new ConfigDirs(List.of(user, stock), List.of()));
        assertThat(c.problems()).isEmpty();
        assertThat(c.global().updateEvery()).isEqualTo(9);
        assertThat(c.module("fd").lifetimeSeconds()).isEqualTo(11);
        assertThat(c.module("vfs").lifetimeSeconds()).isEqualTo(13);
        assertThat(c.module("process").lifetimeSeconds()).isEqualTo(9);
        assertThat(c.sources()).containsExactly(stock.resolve("ebpf.d.conf"),
                user.resolve("ebpf.d/vfs.conf"), stock.resolve("ebpf.d/fd.conf"));

        write("ebpf.d.conf", "[global]\n");
        assertThat(TestModules.load(new ConfigDirs(List.of(user, stock), List.of())).global().updateEvery())
                .isEqualTo(1);
    }

    @Test
    void resolveProblemsAreCarriedIntoTheConfig() {
        Path missing = dir.resolve("missing");
        EbpfConfig c = TestModules.load(ConfigDirs.resolve(java.util.Optional.of(missing), java.util.Map.of()));
        assertThat(c.global()).isEqualTo(Defaults.GLOBAL);
        assertThat(only(c).file()).isEqualTo(missing);
        assertThat(c.hasErrors()).isTrue();
    }

    @Test
    void moduleLookupIsCaseInsensitiveAndRejectsUnknownNames() {
        EbpfConfig c = load();
        assertThat(c.module("VFS").module()).isEqualTo("vfs");
        assertThatThrownBy(() -> c.module("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configIsImmutable() {
        EbpfConfig c = load();
        assertThatThrownBy(() -> c.modules().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.problems().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
