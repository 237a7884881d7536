package dev.ebpfmon.chart.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in chart goldens are exactly what tools/charts/golden.py writes from Netdata's tables
 * and the deviation table, so nobody edits a golden by hand (or forgets to regenerate one).
 */
class ChartGoldensUpToDateTest {
    private static final Path SCRIPT = Path.of("tools/charts/golden.py");
    private static final Path GOLDENS = Path.of("src/test/resources/golden/charts");

    @Test
    void checkedInGoldensAreTheScriptsOutput(@TempDir Path out) throws Exception {
        Result run = python(SCRIPT.toString(), "--out", out.toString());
        assertThat(run.exit()).as("golden.py failed:\n%s", run.output()).isZero();

        List<String> stale = new ArrayList<>();
        for (String name : union(names(out), names(GOLDENS))) {
            Path generated = out.resolve(name);
            Path checkedIn = GOLDENS.resolve(name);
            if (!Files.exists(generated) || !Files.exists(checkedIn)
                    || !Files.readString(generated).equals(Files.readString(checkedIn))) {
                stale.add(name);
            }
        }
        assertThat(stale).as("chart goldens that differ from the script's output (run python3 %s, never edit them "
                + "by hand)", SCRIPT).isEmpty();
    }

    @Test
    void theScriptsOwnTestsPass() throws Exception {
        Result run = python("-m", "unittest", "discover", "-s", "tools/charts");
        assertThat(run.exit()).as("tools/charts/test_golden.py:\n%s", run.output()).isZero();
    }

    private record Result(int exit, String output) {}

    private static Result python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-B"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        return new Result(p.exitValue(), output);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList();
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).distinct().sorted().toList();
    }
}
