package dev.ebpfmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IniFileTest {

    private final List<ConfigProblem> problems = new ArrayList<>();

    private IniFile parse(String text) {
        return IniFile.parse("test.conf", text, problems);
    }

    @Test
    void sectionsKeysWithSpacesAndTrimmedValues() {
        IniFile ini = parse("""
                # comment
                [global]
                    ebpf load mode =   return\t
                  update every=5

                [ebpf programs]
                    network connections = yes
                """);
        assertThat(problems).isEmpty();
        assertThat(ini.sections()).containsExactly("global", "ebpf programs");
        assertThat(ini.get("global", "ebpf load mode")).get()
                .isEqualTo(new IniFile.Entry("global", "ebpf load mode", "return", 3));
        assertThat(ini.get("global", "update every").orElseThrow().value()).isEqualTo("5");
        assertThat(ini.get("ebpf programs", "network connections").orElseThrow().line()).isEqualTo(7);
        assertThat(ini.file()).isEqualTo(Path.of("test.conf"));
    }

    @Test
    void valueIsEverythingAfterTheFirstEquals() {
        IniFile ini = parse("[s]\nexpr = a=b = c\nempty =\n");
        assertThat(ini.get("s", "expr").orElseThrow().value()).isEqualTo("a=b = c");
        assertThat(ini.get("s", "empty").orElseThrow().value()).isEmpty();
    }

    @Test
    void lookupsIgnoreCaseAndSurroundingBlanks() {
        IniFile ini = parse("[Global]\nPID Table Size = 7\n");
        assertThat(ini.get(" global ", "pid table size ")).isPresent();
        assertThat(ini.get("GLOBAL", "PID TABLE SIZE").orElseThrow().key()).isEqualTo("PID Table Size");
        assertThat(ini.get("global", "pid  table size")).isEmpty();
        assertThat(ini.get("other", "pid table size")).isEmpty();
    }

    @Test
    void hashInsideValueIsKept() {
        IniFile ini = parse("[s]\nports = 80 # 443\n");
        assertThat(ini.get("s", "ports").orElseThrow().value()).isEqualTo("80 # 443");
    }

    @Test
    void lineWithoutEqualsIsReportedAndSkipped() {
        IniFile ini = parse("[s]\na = 1\njust words\nb = 2\n");
        assertThat(ini.entries("s")).extracting(IniFile.Entry::key).containsExactly("a", "b");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.ERROR);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.file()).isEqualTo(Path.of("test.conf"));
            assertThat(p.key()).isNull();
            assertThat(p.message()).contains("just words");
        });
    }

    @Test
    void unterminatedSectionHeaderSkipsItsBodyUntilNextHeader() {
        IniFile ini = parse("[good]\na = 1\n[broken\nb = 2\nc = 3\n[next]\nd = 4\n");
        assertThat(ini.sections()).containsExactly("good", "next");
        assertThat(ini.get("good", "b")).isEmpty();
        assertThat(ini.get("next", "d")).isPresent();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("[broken");
        });
    }

    @Test
    void emptySectionNameAndEmptyKeyAreReported() {
        IniFile ini = parse("[]\n[s]\n = value\n");
        assertThat(ini.entries("s")).isEmpty();
        assertThat(problems).extracting(ConfigProblem::line).containsExactly(1, 3);
    }

    @Test
    void settingBeforeAnySectionIsReported() {
        IniFile ini = parse("orphan = 1\n[s]\n");
        assertThat(ini.entries("s")).isEmpty();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.key()).isEqualTo("orphan");
        });
    }

    @Test
    void repeatedKeyLaterWinsWithWarning() {
        IniFile ini = parse("[s]\na = 1\nb = x\nA = 2\n");
        assertThat(ini.entries("s")).extracting(IniFile.Entry::key, IniFile.Entry::value, IniFile.Entry::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A", "2", 4),
                        org.assertj.core.groups.Tuple.tuple("b", "x", 3));
        assertThat(problems).singleElement()
                .satisfies(p -> assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.WARNING));
    }

    @Test
    void repeatedSectionHeadersMerge() {
        IniFile ini = parse("[s]\na = 1\n[t]\n[S]\nb = 2\n");
        assertThat(ini.sections()).containsExactly("s", "t");
        assertThat(ini.entries("s")).hasSize(2);
        assertThat(ini.sectionLine("s")).isEqualTo(1);
        assertThat(ini.sectionLine("missing")).isZero();
    }

    @Test
    void handlesCrLfLineEndings() {
        IniFile ini = parse("[s]\r\na = 1\r\nb = 2\r\n");
        assertThat(ini.get("s", "a").orElseThrow().value()).isEqualTo("1");
        assertThat(ini.get("s", "b").orElseThrow().line()).isEqualTo(3);
    }

    @Test
    void readsFromDisk(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.conf");
        Files.writeString(f, "[s]\nk = v\n");
        IniFile ini = IniFile.parse(f, problems);
        assertThat(problems).isEmpty();
        assertThat(ini.file()).isEqualTo(f);
        assertThat(ini.get("s", "k").orElseThrow().value()).isEqualTo("v");
    }

    @Test
    void unreadableFileIsAnErrorNotAnException(@TempDir Path dir) {
        // a directory in place of the file cannot be read, even by root
        IniFile ini = IniFile.parse(dir, problems);
        assertThat(ini.sections()).isEmpty();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.ERROR);
            assertThat(p.file()).isEqualTo(dir);
            assertThat(p.message()).startsWith("cannot read file");
        });
    }

    @Test
    void missingFileIsAnError(@TempDir Path dir) {
        IniFile.parse(dir.resolve("nope.conf"), problems);
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("cannot read"));
    }
}
