package dev.ebpfmon.module.swap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java counter ids are the C enum's, in its order and with its values: the maps are read by id. */
class SwapCounterTest {
    private static final Pattern ENTRY = Pattern.compile("^\\s*SWAP_(\\w+) = (\\d+),", Pattern.MULTILINE);

    @Test
    void countersAreTheHeadersInItsOrder() throws Exception {
        String header = Files.readString(Path.of("src/main/bpf/modules/swap/swap.h"));
        Matcher m = ENTRY.matcher(header);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(2))).as(m.group(1)).isEqualTo(names.size());
            names.add(m.group(1));
        }
        assertThat(names.removeLast()).isEqualTo("COUNTERS");
        assertThat(names).containsExactlyElementsOf(Arrays.stream(SwapCounter.values()).map(Enum::name).toList());
    }
}
