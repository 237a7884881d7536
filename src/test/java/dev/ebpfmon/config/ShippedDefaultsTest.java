package dev.ebpfmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example files we ship must be exactly the built-in defaults, written down. */
class ShippedDefaultsTest {

    private static final List<String> SHIPPED =
            List.of("ebpf.d.conf", "ebpf.d/process.conf", "ebpf.d/fd.conf", "ebpf.d/vfs.conf");

    @Test
    void shippedFilesParseCleanlyAndEqualBuiltInDefaults(@TempDir Path dir) throws IOException {
        for (String name : SHIPPED) {
            try (InputStream in = ShippedDefaultsTest.class.getResourceAsStream("/config/" + name)) {
                assertThat(in).as(name).isNotNull();
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
        EbpfConfig shipped = ConfigLoader.load(new ConfigDirs(List.of(dir), List.of()));
        EbpfConfig builtIn = ConfigLoader.load(new ConfigDirs(List.of(), List.of()));

        assertThat(shipped.problems()).isEmpty();
        assertThat(shipped.sources()).hasSize(SHIPPED.size());
        assertThat(shipped.global()).isEqualTo(builtIn.global());
        assertThat(shipped.modules()).isEqualTo(builtIn.modules());
        assertThat(shipped.networkConnections()).isEqualTo(builtIn.networkConnections());
    }

    @Test
    void shippedMainFileListsEveryModuleExplicitly() throws IOException {
        try (InputStream in = ShippedDefaultsTest.class.getResourceAsStream("/config/ebpf.d.conf")) {
            IniFile ini = IniFile.parse("ebpf.d.conf", new String(in.readAllBytes()), new java.util.ArrayList<>());
            for (String module : KnownModules.NAMES) {
                assertThat(ini.get("ebpf programs", module)).as(module).isPresent();
            }
            assertThat(ini.get("ebpf programs", "network connections")).isPresent();
            for (String key : List.of("ebpf load mode", "update every", "pid table size", "apps", "cgroups",
                    "ebpf type format", "ebpf co-re tracing", "lifetime")) {
                assertThat(ini.get("global", key)).as(key).isPresent();
            }
        }
    }
}
