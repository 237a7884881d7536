package dev.ebpfmon.sink.netdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenFileTest {

    @Test
    void diffMarksRemovedAndAddedLines() {
        String diff = GoldenFile.diff(List.of("BEGIN a", "SET x = 1", "END"),
                List.of("BEGIN a", "SET x = 2", "END", "extra"));

        assertThat(diff).isEqualTo("""
                  BEGIN a
                - SET x = 1
                + SET x = 2
                  END
                + extra
                """);
    }

    @Test
    void mismatchFailsWithTheDiff() {
        String wrong = """
                BEGIN filesystem.vfs_io 1000000
                SET read = 131
                SET write = 45
                END
                """;

        assertThatThrownBy(() -> GoldenFile.assertMatches("second-tick.txt", wrong))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("- SET read = 130$\n+ SET read = 131$")
                .hasMessageContaining("- BEGIN mem.cachestat_ratio 1000000$");
    }
}
