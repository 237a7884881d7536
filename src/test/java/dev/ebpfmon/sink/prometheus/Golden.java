package dev.ebpfmon.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with {@code src/test/resources/golden/prometheus/<name>}; run with
 * {@code -Dgolden.update=true} to rewrite the files after an intended change, then review them
 * with {@code git diff}.
 */
final class Golden {
    private static final String DIR = "golden/prometheus/";

    private Golden() {}

    static void assertMatches(String name, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            try {
                Path file = Path.of("src/test/resources", DIR, name);
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream("/" + DIR + name)) {
            if (in == null) {
                throw new AssertionError("missing " + DIR + name + "; run with -Dgolden.update=true to create it");
            }
            // AssertJ shows a line diff of the two texts on failure
            assertThat(actual).as(DIR + name).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
