package dev.ebpfmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {

    @Test
    void rendersFileLineKeyAndMessage() {
        ConfigProblem p = ConfigProblem.error(Path.of("/etc/netdata/ebpf.d.conf"), 7, "update every",
                "expected a whole number of seconds >= 1, got 'fast' (using 1)");
        assertThat(p).hasToString("/etc/netdata/ebpf.d.conf:7: key 'update every': "
                + "expected a whole number of seconds >= 1, got 'fast' (using 1)");
    }

    @Test
    void omitsKeyAndLineWhenAbsent() {
        assertThat(ConfigProblem.warning(Path.of("/a.conf"), 3, null, "bad line"))
                .hasToString("/a.conf:3: bad line");
        assertThat(ConfigProblem.error(Path.of("/dir"), 0, null, "missing"))
                .hasToString("/dir: missing");
    }
}
