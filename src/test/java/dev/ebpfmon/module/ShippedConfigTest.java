package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.ConfigDirs;
import dev.ebpfmon.config.ConfigLoader;
import dev.ebpfmon.config.EbpfConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration files we ship (ebpf.d.conf and each implemented module's ebpf.d file, as its
 * descriptor names it) parse cleanly and say exactly the built-in defaults.
 */
class ShippedConfigTest {

    @Test
    void shippedFilesParseCleanlyAndEqualBuiltInDefaults(@TempDir Path dir) throws IOException {
        List<String> shipped = new ArrayList<>(List.of("ebpf.d.conf"));
        ModuleCatalog.implemented().forEach(m -> shipped.add("ebpf.d/" + m.info().confFiles().getFirst()));
        for (String name : shipped) {
            try (InputStream in = ShippedConfigTest.class.getResourceAsStream("/config/" + name)) {
                assertThat(in).as(name + " is shipped").isNotNull();
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
        EbpfConfig fromFiles = ConfigLoader.load(new ConfigDirs(List.of(dir), List.of()), ModuleCatalog.configDefaults());
        EbpfConfig builtIn = ConfigLoader.load(new ConfigDirs(List.of(), List.of()), ModuleCatalog.configDefaults());

        assertThat(fromFiles.problems()).isEmpty();
        assertThat(fromFiles.sources()).hasSize(shipped.size());
        assertThat(fromFiles.global()).isEqualTo(builtIn.global());
        assertThat(fromFiles.modules()).isEqualTo(builtIn.modules());
        assertThat(fromFiles.networkConnections()).isEqualTo(builtIn.networkConnections());
    }
}
