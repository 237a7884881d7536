package dev.ebpfmon.module.self;

import dev.ebpfmon.kernel.ProcFile;
import dev.ebpfmon.module.Fields;
import java.io.IOException;
import java.io.UncheckedIOException;
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
            return parse(stat.text(), status.text(), dir);
        }

        @Override
        public void close() {
            stat.close();
            status.close();
        }
    }

    static ProcessUsage parse(String stat, String status, Path source) {
        // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException(source + "/stat has no command name: " + stat);
        }
        String[] fields = Fields.of(stat.substring(close + 1));
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15
        if (fields.length < 13) {
            throw new IllegalArgumentException(source + "/stat has " + (fields.length + 2) + " fields, utime is 14th");
        }
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return new ProcessUsage(utime, stime, rss(status, source));
    }

    private static long rss(String status, Path source) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = Fields.of(line.substring("VmRSS:".length()));
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException(source + "/status: unexpected " + line);
                }
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return 0; // kernel threads and zombies have no VmRSS line
    }

    /** CPU time in nanoseconds (user + system). */
    public long cpuNanos() {
        return (userTicks + systemTicks) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }
}
