package dev.ebpfmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * `ebpfmon bench --smoke` from the packaged jar: every row and table comes out (timings are not
 * checked), and nothing stays attached afterwards.
 */
@Tag("kernel")
class BenchSmokeIT {
    @Test
    void smokeRunPrintsEveryTable() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process bench = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                "target/ebpfmon.jar", BenchCommand.class.getName(), "--smoke").redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out;
        try {
            out = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bench.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            bench.destroyForcibly();
        }
        assertThat(bench.exitValue()).as(out).isZero();
        for (String row : List.of("| nothing |", "| floor-entry |", "| ebpfmon-default |", "| floor-return |",
                "| ebpfmon-all |", "| ebpfmon-default / floor-entry |", "| 1,000 |", "| 10,000 |", "| 32,768 |",
                "first complete sample")) {
            assertThat(out).contains(row);
        }
        assertThat(out).doesNotContain("NaN");
        assertThat(programsNamed("floor_")).as("floor programs left loaded").isZero();
    }

    private static long programsNamed(String prefix) throws Exception {
        Process p = new ProcessBuilder("bpftool", "prog", "show").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        // bpftool shows the first 15 characters of a program's name
        return text.lines().filter(l -> l.contains(" name " + prefix)).count();
    }
}
