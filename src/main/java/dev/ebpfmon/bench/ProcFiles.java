package dev.ebpfmon.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the benchmark reads about a process from outside, from {@code /proc/<pid>}: the same files
 * whoever runs the agent would read, never the agent's own account of itself.
 */
final class ProcFiles {
    /** USER_HZ, the unit of utime and stime: 100 on every architecture Linux runs ebpfmon on. */
    static final int CLOCK_TICKS_PER_SECOND = 100;

    private ProcFiles() {}

    /** utime + stime of every thread of the process, in clock ticks (10 ms). */
    static long cpuTicks(long pid) {
        String stat = read(pid, "stat");
        // the command name (field 2) may hold spaces and parentheses: count from its last ')'
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        if (close < 0 || fields.length < 13) {
            throw new IllegalStateException("/proc/" + pid + "/stat: unexpected format: " + stat);
        }
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmRSS in bytes. */
    static long rssBytes(long pid) {
        for (String line : read(pid, "status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS line (has the process exited?)");
    }

    /** The first three fields of /proc/loadavg, e.g. "1.05 0.80 0.41". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Busy and total jiffies of all CPUs so far, from the first line of /proc/stat. */
    static long[] cpuJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat", e);
        }
    }

    /** Tasks (threads) that exist now, from the fourth field of /proc/loadavg ("running/total"). */
    static int tasks() {
        try {
            String field = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[3];
            return Integer.parseInt(field.substring(field.indexOf('/') + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/loadavg", e);
        }
    }

    private static String read(long pid, String file) {
        Path path = Path.of("/proc", Long.toString(pid), file);
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (has the process exited?)", e);
        }
    }
}
