package dev.ebpfmon.chart.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GoldenParserTest {
    private static final Path GOLDENS = Path.of("src/test/resources/golden/charts");

    @Test
    void readsChartsDimensionsAndConditionsAndSkipsComments() {
        List<GoldenChart> charts = GoldenParser.parse("test", List.of(
                "# a comment",
                "CHART mem.file_sync title='Monitor calls for <code>fsync(2)</code>.' units='calls/s' "
                        + "family='synchronization (eBPF)' context='mem.file_sync' type=line priority=21300 "
                        + "when=syscall:fsync|syscall:fdatasync",
                "DIMENSION fsync name=fsync incremental 1 1 when=syscall:fsync",
                "",
                "DIMENSION fdatasync name=fdatasync incremental -1 8 hidden when=syscall:fdatasync",
                "CHART system.exit title='Exit process' units='calls/s' family='processes' context='system.exit' "
                        + "type=line priority=21003 when=always"));

        assertThat(charts).hasSize(2);
        GoldenChart sync = charts.getFirst();
        assertThat(sync.fullId()).isEqualTo("mem.file_sync");
        assertThat(sync.title()).isEqualTo("Monitor calls for <code>fsync(2)</code>.");
        assertThat(sync.family()).isEqualTo("synchronization (eBPF)");
        assertThat(sync.chartType()).isEqualTo("line");
        assertThat(sync.priority()).isEqualTo(21300);
        assertThat(sync.when()).isEqualTo("syscall:fsync|syscall:fdatasync");
        assertThat(sync.dimensions()).containsExactly(
                new GoldenDimension("fsync", "fsync", "incremental", 1, 1, false, "syscall:fsync"),
                new GoldenDimension("fdatasync", "fdatasync", "incremental", -1, 8, true, "syscall:fdatasync"));
        assertThat(charts.get(1).dimensions()).isEmpty();
    }

    @Test
    void namesTheSourceAndLineOfWhatItCannotRead() {
        assertThatThrownBy(() -> GoldenParser.parse("x.txt", List.of("# c", "DIMENSION a name=a absolute 1 1")))
                .hasMessage("x.txt:2: DIMENSION before any CHART");
        assertThatThrownBy(() -> GoldenParser.parse("x.txt", List.of("CHART a.b title='t' units='u' family='f' "
                + "context='c' type=line")))
                .hasMessage("x.txt:1: CHART a.b has no priority=");
        assertThatThrownBy(() -> GoldenParser.parse("x.txt", List.of("CHART a.b title='t' units='u' family='f' "
                + "context='c' type=line priority=high")))
                .hasMessage("x.txt:1: priority 'high' is not a number");
        assertThatThrownBy(() -> GoldenParser.parse("x.txt", List.of("CHART a.b title='t' units='u' family='f' "
                + "context='c' type=line priority=1 colour=red")))
                .hasMessage("x.txt:1: unknown field colour=");
        assertThatThrownBy(() -> GoldenParser.parse("x.txt", List.of("CHART a.b title='t' units='u' family='f' "
                + "context='c' type=line priority=1", "DIMENSION a name=a absolute 1", "")))
                .hasMessageStartingWith("x.txt:2: cannot read DIMENSION line");
        assertThatThrownBy(() -> GoldenParser.parse("x.txt", List.of("CHART a.b title='t' units='u' family='f' "
                + "context='c' type=line priority=1", "DIMENSION a name=a absolute 1 1",
                "DIMENSION a name=b absolute 1 1")))
                .hasMessage("x.txt:3: dimension a given twice");
        assertThatThrownBy(() -> GoldenParser.parse("x.txt", List.of("SET a = 1")))
                .hasMessageStartingWith("x.txt:1: expected CHART, DIMENSION or a # comment");
    }

    /** The Java format and the script's are the same: every checked-in golden reads and writes back unchanged. */
    @Test
    void everyCheckedInGoldenReadsAndRendersBackToItsOwnLines() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(GOLDENS)) {
            files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("process.txt", "fd.txt", "vfs.txt");
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            List<GoldenChart> charts = GoldenParser.parse(file.toString(), lines);
            String withoutComments = String.join("\n", lines.stream().filter(l -> !l.startsWith("#")).toList()) + "\n";
            assertThat(GoldenRenderer.text(charts)).as(file.toString()).isEqualTo(withoutComments);
        }
    }

    @Test
    void selectKeepsWhatNetdataSendsInOneConfigurationWithoutTheConditions() {
        GoldenFile fd = GoldenFile.load("fd");

        assertThat(fd.select(Conditions.of())).extracting(GoldenChart::fullId)
                .containsExactly("filesystem.file_descriptor");
        assertThat(fd.select(Conditions.of("return", "apps"))).extracting(GoldenChart::fullId).containsExactly(
                "apps.file_close_error", "apps.file_closed", "apps.file_open", "apps.file_open_error",
                "filesystem.file_descriptor", "filesystem.file_error");
        assertThat(fd.select(Conditions.everything())).hasSize(fd.charts().size())
                .allSatisfy(c -> assertThat(c.when()).isEmpty());

        List<GoldenChart> sync = GoldenFile.load("sync").select(Conditions.of("syscall:fsync", "syscall:sync"));
        assertThat(sync).extracting(GoldenChart::fullId).containsExactly("mem.file_sync", "mem.sync");
        assertThat(sync.getFirst().dimensions()).extracting(GoldenDimension::id).containsExactly("fsync");
    }

    @Test
    void unknownModulesAreNamed() {
        assertThatThrownBy(() -> GoldenFile.load("nope")).hasMessageContaining("no chart golden /golden/charts/nope.txt");
    }
}
