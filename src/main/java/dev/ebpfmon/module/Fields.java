package dev.ebpfmon.module;

import java.util.ArrayList;
import java.util.List;

/**
 * The whitespace-separated fields of a line of a /proc file, split without a regular expression:
 * collectors read such files on every tick, and {@code String.split("\\s+")} compiles its pattern
 * on each call.
 */
public final class Fields {
    private Fields() {}

    /** The fields of {@code line}: runs of characters other than spaces and tabs; none for a blank line. */
    public static String[] of(String line) {
        List<String> fields = new ArrayList<>(16);
        int length = line.length();
        int i = 0;
        while (i < length) {
            while (i < length && isSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !isSpace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(line.substring(start, i));
            }
        }
        return fields.toArray(String[]::new);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
