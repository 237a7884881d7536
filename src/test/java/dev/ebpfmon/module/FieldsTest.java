package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fields splits a /proc line as String.split("\\s+") does after a strip, blank lines aside. */
class FieldsTest {
    @Test
    void runsOfSpacesAndTabsSeparateFieldsAndTheEndsAreIgnored() {
        assertThat(Fields.of("   8       0   20971520 vda")).containsExactly("8", "0", "20971520", "vda");
        assertThat(Fields.of("\t1\t \t2 \n")).containsExactly("1", "2");
        assertThat(Fields.of("x")).containsExactly("x");
    }

    @Test
    void aBlankLineHasNoFields() {
        assertThat(Fields.of("")).isEmpty();
        assertThat(Fields.of(" \t ")).isEmpty();
    }

    @Test
    void itAgreesWithTheRegularExpressionOnEveryLineOfARealProcFile() throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/interrupts"))) {
            if (!line.isBlank()) {
                assertThat(Fields.of(line)).as(line).containsExactly(line.strip().split("\\s+"));
            }
        }
    }
}
