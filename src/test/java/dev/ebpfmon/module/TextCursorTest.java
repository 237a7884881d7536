package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TextCursor walks lines and fields as Fields splits them, and decodes counts in place. */
class TextCursorTest {
    @Test
    void linesAndFieldsAsFieldsSplitsThem() {
        String text = "  CPU0 \tCPU1\n\n LOC:  12  34   Local timer\nlast";
        TextCursor cursor = cursor(text);
        List<List<String>> lines = new ArrayList<>();
        while (cursor.nextLine()) {
            List<String> fields = new ArrayList<>();
            while (cursor.nextField()) {
                fields.add(cursor.field());
            }
            assertThat(fields).containsExactly(Fields.of(cursor.line()));
            lines.add(fields);
        }
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).isEmpty();
        assertThat(lines.get(3)).containsExactly("last");
        assertThat(cursor.lineNumber()).isEqualTo(4);
    }

    @Test
    void labelUpToASeparatorThenTheFieldsAfterIt() {
        TextCursor cursor = cursor(" NMI :0 7 Non-maskable\nno separator here\n");
        assertThat(cursor.nextLine()).isTrue();
        assertThat(cursor.fieldUpTo(':')).isTrue();
        assertThat(cursor.field()).isEqualTo("NMI");
        assertThat(cursor.nextField()).isTrue();
        assertThat(cursor.fieldIsCount()).isTrue();
        assertThat(cursor.count()).isZero();
        assertThat(cursor.nextField()).isTrue();
        assertThat(cursor.count()).isEqualTo(7);
        assertThat(cursor.nextField()).isTrue();
        assertThat(cursor.fieldIs("Non-maskable")).isTrue();
        assertThat(cursor.fieldIs("Non-maskabl")).isFalse();
        assertThat(cursor.nextField()).isFalse();
        assertThat(cursor.nextLine()).isTrue();
        assertThat(cursor.fieldUpTo(':')).isFalse();
        assertThat(cursor.nextField()).as("a failed fieldUpTo leaves the cursor where it was").isTrue();
        assertThat(cursor.field()).isEqualTo("no");
        assertThat(cursor.nextLine()).isFalse();
    }

    @Test
    void countsAreDigitsOnlyAndFitALong() {
        TextCursor cursor = cursor("123456789012345678 1234567890123456789 -1 12a x");
        cursor.nextLine();
        cursor.nextField();
        assertThat(cursor.count()).isEqualTo(123456789012345678L);
        for (String notCount : List.of("1234567890123456789", "-1", "12a", "x")) {
            assertThat(cursor.nextField()).isTrue();
            assertThat(cursor.fieldIsCount()).as(notCount).isFalse();
            assertThatThrownBy(cursor::count).isInstanceOf(NumberFormatException.class).hasMessageContaining(notCount);
        }
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        byte[] bytes = "a 1\nb 2\nc 3".getBytes(StandardCharsets.US_ASCII);
        TextCursor cursor = new TextCursor().reset(bytes, 6);
        List<String> fields = new ArrayList<>();
        while (cursor.nextLine()) {
            while (cursor.nextField()) {
                fields.add(cursor.field());
            }
        }
        assertThat(fields).containsExactly("a", "1", "b");
        assertThat(cursor.reset(bytes, 0).nextLine()).isFalse();
    }

    private static TextCursor cursor(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new TextCursor().reset(bytes, bytes.length);
    }
}
