package dev.ebpfmon.apps;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one process's files under a proc root. Every failure means "the process went away or
 * is not readable right now", which is normal under /proc, so nothing here throws.
 * Uses one reused buffer: callers must not share an instance between threads.
 */
final class ProcReader {

    /** Netdata's limit too: enough for any useful pattern, bounded for pathological commands. */
    static final int MAX_CMDLINE = 16384;

    private final String root;
    private final byte[] buf = new byte[MAX_CMDLINE];

    ProcReader(String root) {
        this.root = root.endsWith("/") ? root : root + "/";
    }

    /** Null when the pid is gone or its stat is unreadable or cut short. */
    StatLine stat(int pid) {
        int len = read(pid, "/stat");
        return len < 0 ? null : StatLine.parse(buf, len);
    }

    /** Null when the pid is gone; the rest of its files are best effort. */
    ProcessInfo full(int pid) {
        StatLine stat = stat(pid);
        if (stat == null) {
            return null;
        }
        String cmdline = cmdline(pid);
        int[] ids = ids(pid);
        String cgroup = cgroup(pid);
        return new ProcessInfo(pid, stat.ppid(), stat.comm(), cmdline, ids[0], ids[1], cgroup, stat.startTime());
    }

    String cmdline(int pid) {
        int len = read(pid, "/cmdline");
        if (len <= 0) {
            return "";
        }
        for (int i = 0; i < len; i++) {
            if (buf[i] == 0) {
                buf[i] = ' ';
            }
        }
        while (len > 0 && buf[len - 1] == ' ') {
            len--;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** Real uid and gid: the first number on the {@code Uid:} and {@code Gid:} lines. */
    private int[] ids(int pid) {
        int[] ids = {-1, -1};
        int len = read(pid, "/status");
        int line = 0;
        while (line < len) {
            int end = line;
            while (end < len && buf[end] != '\n') {
                end++;
            }
            if (startsWith(line, end, "Uid:")) {
                ids[0] = firstNumber(line + 4, end);
            } else if (startsWith(line, end, "Gid:")) {
                ids[1] = firstNumber(line + 4, end);
                break; // Gid follows Uid in every kernel's status layout
            }
            line = end + 1;
        }
        return ids;
    }

    /** The v2 line {@code 0::/path}; hybrid hosts also list v1 hierarchies, which are ignored. */
    private String cgroup(int pid) {
        int len = read(pid, "/cgroup");
        int line = 0;
        while (line < len) {
            int end = line;
            while (end < len && buf[end] != '\n') {
                end++;
            }
            if (startsWith(line, end, "0::")) {
                return new String(buf, line + 3, end - line - 3, StandardCharsets.UTF_8);
            }
            line = end + 1;
        }
        return "";
    }

    private boolean startsWith(int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int firstNumber(int from, int to) {
        int i = from;
        while (i < to && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        int j = i;
        while (j < to && buf[j] >= '0' && buf[j] <= '9') {
            j++;
        }
        long v = StatLine.parseLong(buf, i, j);
        return v < 0 || v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** Bytes read into {@code buf} (truncated at its size), or -1 when the file cannot be read. */
    private int read(int pid, String file) {
        try (FileInputStream in = new FileInputStream(root + pid + file)) {
            int len = 0;
            int n;
            while (len < buf.length && (n = in.read(buf, len, buf.length - len)) > 0) {
                len += n;
            }
            return len;
        } catch (IOException e) {
            // ENOENT, ESRCH (exited between open and read), EACCES: all mean "not now"
            return -1;
        }
    }
}
