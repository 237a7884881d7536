package dev.ebpfmon.module.socket;

import dev.ebpfmon.kernel.ProcFile;
import dev.ebpfmon.module.Fields;
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
        String[] names = null;
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String[] words = Fields.of(line.substring(prefix.length()));
            if (names == null) {
                names = words;
                continue;
            }
            for (int i = 0; i < names.length && i < words.length; i++) {
                if (names[i].equals(name)) {
                    return OptionalLong.of(Long.parseLong(words[i]));
                }
            }
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    static long tcp(ProcFile file, String name) {
        return tcp(file.text(), name)
                .orElseThrow(() -> new IllegalStateException(file.path() + " has no Tcp counter " + name));
    }
}
