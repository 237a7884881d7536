package dev.ebpfmon.module.self;

import dev.ebpfmon.kernel.ProcFile;
import dev.ebpfmon.module.TextCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, from {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/status}.
 *
 * @param userTicks   utime, in clock ticks ({@link #CLOCK_TICKS_PER_SECOND} per second)
 * @param systemTicks stime, likewise
 * @param rssBytes    VmRSS
 */
public record ProcessUsage(long userTicks, long systemTicks, long rssBytes) {
    /** USER_HZ: fixed at 100 in the Linux ABI on every architecture ebpfmon builds for. */
    public static final int CLOCK_TICKS_PER_SECOND = 100;
    private static final int UTIME_FIELD = 14;

    public static ProcessUsage self() {
        return of(ProcessHandle.current().pid());
    }

    public static ProcessUsage of(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            return parse(Files.readString(dir.resolve("stat")), Files.readString(dir.resolve("status")), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    /** A process's usage read again and again (every tick), its two files kept open. */
    static final class Reader implements AutoCloseable {
        private final Path dir;
        private final ProcFile stat;
        private final ProcFile status;

        Reader(long pid) {
            this.dir = Path.of("/proc", Long.toString(pid));
            this.stat = new ProcFile(dir.resolve("stat"));
            this.status = new ProcFile(dir.resolve("status"));
        }

        ProcessUsage read() {
            stat.read();
            status.read();
            return parse(stat.bytes(), stat.length(), status.bytes(), status.length(), dir);
        }

        @Override
        public void close() {
            stat.close();
            status.close();
        }
    }

    static ProcessUsage parse(String stat, String status, Path source) {
        byte[] statBytes = stat.getBytes(StandardCharsets.UTF_8);
        byte[] statusBytes = status.getBytes(StandardCharsets.UTF_8);
        return parse(statBytes, statBytes.length, statusBytes, statusBytes.length, source);
    }

    /** Read every tick by the self collector: fields decoded in place, not split into strings. */
    private static ProcessUsage parse(byte[] stat, int statLength, byte[] status, int statusLength, Path source) {
        // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
        int close = statLength - 1;
        while (close >= 0 && stat[close] != ')') {
            close--;
        }
        if (close < 0) {
            throw new IllegalArgumentException(source + "/stat has no command name: "
                    + new String(stat, 0, statLength, StandardCharsets.UTF_8));
        }
        TextCursor fields = new TextCursor().reset(stat, close + 1, statLength);
        fields.nextLine();
        // the first field after the name is field 3 (state); utime and stime are fields 14 and 15
        int field = 3;
        while (field < UTIME_FIELD && fields.nextField()) {
            field++;
        }
        long utime = fields.nextField() ? fields.count() : -1;
        long stime = fields.nextField() ? fields.count() : -1;
        if (stime < 0) {
            throw new IllegalArgumentException(source + "/stat has fewer than 15 fields, utime is 14th");
        }
        return new ProcessUsage(utime, stime, rss(fields.reset(status, statusLength), source));
    }

    private static long rss(TextCursor status, Path source) {
        while (status.nextLine()) {
            if (status.fieldUpTo(':') && status.fieldIs("VmRSS")) {
                if (!status.nextField() || !status.fieldIsCount()) {
                    throw new IllegalArgumentException(source + "/status: unexpected " + status.line());
                }
                long kib = status.count();
                if (!status.nextField() || !status.fieldIs("kB") || status.nextField()) {
                    throw new IllegalArgumentException(source + "/status: unexpected " + status.line());
                }
                return kib * 1024;
            }
        }
        return 0; // kernel threads and zombies have no VmRSS line
    }

    /** CPU time in nanoseconds (user + system). */
    public long cpuNanos() {
        return (userTicks + systemTicks) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }
}
