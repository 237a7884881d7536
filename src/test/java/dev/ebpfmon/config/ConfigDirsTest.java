package dev.ebpfmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDirsTest {

    @TempDir
    Path tmp;

    @Test
    void netdataLocationsWhenEnvironmentIsEmpty() {
        ConfigDirs d = ConfigDirs.resolve(Optional.empty(), Map.of());
        assertThat(d.directories()).containsExactly(Path.of("/etc/netdata"), Path.of("/usr/lib/netdata/conf.d"));
        assertThat(d.problems()).isEmpty();
    }

    @Test
    void environmentOverridesNetdataLocations() {
        ConfigDirs d = ConfigDirs.resolve(Optional.empty(), Map.of(
                "NETDATA_USER_CONFIG_DIR", "/opt/nd/etc", "NETDATA_STOCK_CONFIG_DIR", " /opt/nd/stock "));
        assertThat(d.directories()).containsExactly(Path.of("/opt/nd/etc"), Path.of("/opt/nd/stock"));
    }

    @Test
    void blankEnvironmentValueFallsBack() {
        ConfigDirs d = ConfigDirs.resolve(Optional.empty(), Map.of("NETDATA_USER_CONFIG_DIR", "  "));
        assertThat(d.directories().getFirst()).isEqualTo(Path.of("/etc/netdata"));
    }

    @Test
    void sameDirectoryIsSearchedOnce() {
        ConfigDirs d = ConfigDirs.resolve(Optional.empty(), Map.of(
                "NETDATA_USER_CONFIG_DIR", "/x", "NETDATA_STOCK_CONFIG_DIR", "/x"));
        assertThat(d.directories()).containsExactly(Path.of("/x"));
    }

    @Test
    void explicitDirectoryReplacesEverythingElse() {
        ConfigDirs d = ConfigDirs.resolve(Optional.of(tmp), Map.of("NETDATA_USER_CONFIG_DIR", "/x"));
        assertThat(d.directories()).containsExactly(tmp);
        assertThat(d.problems()).isEmpty();
    }

    @Test
    void missingExplicitDirectoryIsAnErrorNotAnException() {
        Path missing = tmp.resolve("nope");
        ConfigDirs d = ConfigDirs.resolve(Optional.of(missing), Map.of());
        assertThat(d.directories()).isEmpty();
        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.ERROR);
            assertThat(p.file()).isEqualTo(missing);
            assertThat(p.message()).contains("does not exist");
        });
    }

    @Test
    void explicitDirectoryThatIsAFileIsAnError() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "");
        ConfigDirs d = ConfigDirs.resolve(Optional.of(file), Map.of());
        assertThat(d.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a directory"));
    }

    @Test
    void findReturnsFirstDirectoryHavingTheFile(@TempDir Path second) throws IOException {
        Files.writeString(second.resolve("a.conf"), "");
        Files.writeString(second.resolve("b.conf"), "");
        Files.writeString(tmp.resolve("b.conf"), "");
        ConfigDirs d = new ConfigDirs(List.of(tmp, second), List.of());
        assertThat(d.find("a.conf")).contains(second.resolve("a.conf"));
        assertThat(d.find("b.conf")).contains(tmp.resolve("b.conf"));
        assertThat(d.find("c.conf")).isEmpty();
    }

    @Test
    void ebpfmonsOwnDirectoryFromTheEnvironmentReplacesNetdatas() {
        ConfigDirs d = ConfigDirs.resolve(Optional.empty(), Map.of("EBPFMON_CONFIG_DIR", " " + tmp + " ",
                "NETDATA_USER_CONFIG_DIR", "/x"));
        assertThat(d.directories()).containsExactly(tmp);
        assertThat(d.problems()).isEmpty();
    }

    @Test
    void configDirOptionWinsOverTheEnvironment(@TempDir Path option) {
        ConfigDirs d = ConfigDirs.resolve(Optional.of(option), Map.of("EBPFMON_CONFIG_DIR", tmp.toString()));
        assertThat(d.directories()).containsExactly(option);
    }

    @Test
    void missingDirectoryFromTheEnvironmentIsAnErrorNamingTheVariable() {
        Path missing = tmp.resolve("gone");
        ConfigDirs d = ConfigDirs.resolve(Optional.empty(), Map.of("EBPFMON_CONFIG_DIR", missing.toString()));
        assertThat(d.directories()).isEmpty();
        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(missing);
            assertThat(p.message()).startsWith("EBPFMON_CONFIG_DIR does not exist");
        });
    }

    @Test
    void blankEbpfmonDirectoryMeansNetdatas() {
        ConfigDirs d = ConfigDirs.resolve(Optional.empty(), Map.of("EBPFMON_CONFIG_DIR", " "));
        assertThat(d.directories()).containsExactly(Path.of("/etc/netdata"), Path.of("/usr/lib/netdata/conf.d"));
    }
}
