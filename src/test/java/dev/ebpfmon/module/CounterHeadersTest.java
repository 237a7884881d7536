package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.module.fd.FdCounter;
import dev.ebpfmon.module.process.ProcessCounter;
import dev.ebpfmon.module.vfs.VfsCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Java counter enums and the C headers the BPF programs index with must list the same ids. */
class CounterHeadersTest {
    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("fd.h", "FD_", FdCounter.values(), "FD_COUNTERS"),
                Arguments.of("vfs.h", "VFS_", VfsCounter.values(), "VFS_COUNTERS"),
                Arguments.of("process.h", "", ProcessCounter.values(), "PROCESS_COUNTERS"));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void enumMatchesHeader(String header, String prefix, Enum<?>[] javaIds, String countName) throws IOException {
        String text = Files.readString(Path.of("src/main/bpf", header));
        Matcher m = Pattern.compile("\\b([A-Z_]+) = (\\d+),").matcher(text);
        List<String> cNames = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(countName)) {
                assertThat(Integer.parseInt(m.group(2))).isEqualTo(javaIds.length);
                continue;
            }
            assertThat(Integer.parseInt(m.group(2))).as(m.group(1)).isEqualTo(cNames.size());
            cNames.add(m.group(1));
        }
        assertThat(cNames).containsExactlyElementsOf(
                Arrays.stream(javaIds).map(e -> prefix + e.name()).toList());
    }
}
