package dev.ebpfmon.sink.netdata;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares output with {@code src/test/resources/golden/<name>}. A mismatch fails with a line diff
 * ({@code -} expected, {@code +} actual) because a protocol stream differing by one word is hard to
 * spot in two long strings. Run with {@code -Dgolden.update=true} to rewrite the files after an
 * intended change, then review them with {@code git diff}.
 */
final class GoldenFile {
    private GoldenFile() {}

    static void assertMatches(String name, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            write(name, actual);
            return;
        }
        String expected = read(name);
        if (!expected.equals(actual)) {
            fail("output differs from golden/" + name + " (- expected, + actual):\n"
                    + diff(lines(expected), lines(actual)));
        }
    }

    /** A line diff from the longest common subsequence; golden files are small. */
    static String diff(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = expected.get(i).equals(actual.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        var out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                out.append("  ").append(expected.get(i++)).append('\n');
                j++;
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                out.append("- ").append(expected.get(i++)).append('\n');
            } else {
                out.append("+ ").append(actual.get(j++)).append('\n');
            }
        }
        return out.toString();
    }

    /** Lines with a visible end, so that a missing final newline or trailing space shows. */
    private static List<String> lines(String text) {
        var result = new ArrayList<String>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                result.add(text.substring(start) + "<no newline at end>");
                break;
            }
            result.add(text.substring(start, end) + "$");
            start = end + 1;
        }
        return result;
    }

    private static String read(String name) {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("missing golden/" + name
                        + "; run with -Dgolden.update=true to create it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String name, String content) {
        try {
            Path file = Path.of("src/test/resources/golden", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
