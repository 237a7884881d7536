package dev.ebpfmon.module.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** socket.h and the Java side agree: counter order, overflow counters, record sizes. */
class SocketHeaderTest {
    static final Path HEADER = Path.of("src/main/bpf/modules/socket/socket.h");

    private static List<String> enumNames(String text, String enumName) {
        Matcher body = Pattern.compile("enum " + enumName + " \\{(.*?)\\};", Pattern.DOTALL).matcher(text);
        assertThat(body.find()).as(enumName + " in " + HEADER).isTrue();
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(\\w+) = (\\d+),").matcher(body.group(1));
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(2))).as(m.group(1)).isEqualTo(names.size());
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void countersAreInTheOrderOfTheHeader() throws IOException {
        String text = Files.readString(HEADER);
        List<String> c = enumNames(text, "socket_counter");
        assertThat(c.getLast()).isEqualTo("SOCKET_COUNTERS");
        assertThat(c.subList(0, c.size() - 1))
                .containsExactlyElementsOf(Arrays.stream(SocketCounter.values()).map(v -> "SOCKET_" + v.name()).toList());
        List<String> o = enumNames(text, "socket_overflow");
        assertThat(o).hasSize(ViewerOverflow.COUNTERS + 1);
        assertThat(o.get(ViewerOverflow.IN_FIRST)).isEqualTo("OVERFLOW_IN_SENT_BYTES");
        assertThat(o.get(ViewerOverflow.EVENTS)).isEqualTo("OVERFLOW_EVENTS");
        assertThat(text).contains("sizeof(struct socket_conn_key) == " + ConnKey.SIZE)
                .contains("sizeof(struct socket_conn) == " + ConnectionTable.VALUE_SIZE)
                .contains("sizeof(struct socket_netns_counts) == " + NetnsCounts.COUNTERS * Long.BYTES);
    }
}
