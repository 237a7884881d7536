package dev.ebpfmon.module.socket;

import dev.ebpfmon.kernel.ProcFile;
import dev.ebpfmon.module.TextCursor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The kernel's own TCP counters, /proc/net/snmp's {@code Tcp:} lines (a header line of names, then
 * a line of values), of the network namespace of whoever reads the file.
 */
final class Snmp {
    static final Path OWN = Path.of("/proc/self/net/snmp");

    private Snmp() {}

    /** A {@code Tcp:} counter by name (RetransSegs, ActiveOpens, PassiveOpens), from the file's text. */
    static OptionalLong tcp(String text, String name) {
        return counter(text, "Tcp:", name);
    }

    /**
     * A counter by name from the lines of {@code prefix} ({@code Tcp:} of /proc/net/snmp,
     * {@code TcpExt:} of /proc/net/netstat: the same layout).
     */
    static OptionalLong counter(String text, String prefix, String name) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return counter(bytes, bytes.length, prefix, name);
    }

    /** {@link #counter(String, String, String)} of the file's bytes {@code [0, length)}, decoded in place. */
    private static OptionalLong counter(byte[] bytes, int length, String prefix, String name) {
        TextCursor line = new TextCursor().reset(bytes, length);
        int column = -1; // of the name, in the header line: none yet
        while (line.nextLine()) {
            if (!line.nextField() || !line.fieldIs(prefix)) {
                continue;
            }
            if (column < 0) {
                column = column(line, name);
                if (column < 0) {
                    return OptionalLong.empty();
                }
                continue;
            }
            for (int i = 0; line.nextField(); i++) {
                if (i == column) {
                    return OptionalLong.of(Long.parseLong(line.field()));
                }
            }
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Where {@code name} is among the rest of the line's fields, -1 if not. */
    private static int column(TextCursor line, String name) {
        for (int i = 0; line.nextField(); i++) {
            if (line.fieldIs(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A {@code Tcp:} counter read from the file now (every tick: its bytes decoded in place). */
    static long tcp(ProcFile file, String name) {
        file.read();
        return counter(file.bytes(), file.length(), "Tcp:", name)
                .orElseThrow(() -> new IllegalStateException(file.path() + " has no Tcp counter " + name));
    }
}
