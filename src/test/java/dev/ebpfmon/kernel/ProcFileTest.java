package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFileTest {
    @Test
    void eachReadGivesTheKernelsTextOfNow() throws IOException {
        Path payload = Files.createTempFile("procfile", ".bin");
        try (ProcFile io = new ProcFile(Path.of("/proc/self/io"))) {
            long before = readChars(io.text());
            Files.write(payload, new byte[100_000]);
            Files.readAllBytes(payload);
            long after = readChars(io.text());
            assertThat(after - before).as("rchar counted the 100,000 bytes read in between").isGreaterThanOrEqualTo(100_000);
        } finally {
            Files.delete(payload);
        }
    }

    @Test
    void aFileLargerThanTheFirstBufferIsReadWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big");
        String text = "x".repeat(20_000) + "\nend\n";
        Files.writeString(file, text);
        try (ProcFile big = new ProcFile(file)) {
            assertThat(big.text()).isEqualTo(text);
            assertThat(big.text()).as("read again from the start").isEqualTo(text);
            assertThat(big.length()).isEqualTo(text.length());
        }
    }

    @Test
    void anInterruptedReaderKeepsItsFile() {
        try (ProcFile stat = new ProcFile(Path.of("/proc/self/stat"))) {
            stat.read();
            Thread.currentThread().interrupt();
            try {
                assertThat(stat.text()).as("read while interrupted").startsWith(Long.toString(ProcessHandle.current().pid()));
            } finally {
                Thread.interrupted();
            }
            assertThat(stat.text()).as("and after").startsWith(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void aMissingFileIsAClearErrorAtTheRead() {
        ProcFile missing = new ProcFile(Path.of("/proc/no-such-file"));
        assertThatThrownBy(missing::read).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read /proc/no-such-file");
    }

    private static long readChars(String io) {
        for (String line : io.split("\n")) {
            if (line.startsWith("rchar: ")) {
                return Long.parseLong(line.substring("rchar: ".length()).strip());
            }
        }
        throw new AssertionError("no rchar in " + io);
    }
}
