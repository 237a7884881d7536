package dev.ebpfmon.apps;

import java.nio.charset.StandardCharsets;

/**
 * The few fields of {@code /proc/<pid>/stat} the table needs. The comm sits in parentheses and
 * may itself contain spaces and ')', so fields are counted from the last ')'.
 */
record StatLine(String comm, char state, int ppid, long startTime) {

    /** Fields after the comm: index 0 is field 3 (state), so field N is at index N - 3. */
    private static final int PPID_INDEX = 4 - 3;
    private static final int STARTTIME_INDEX = 22 - 3;

    /** Null when the text is cut short or not a stat line: the caller treats the pid as unreadable. */
    static StatLine parse(byte[] buf, int len) {
        int open = -1;
        for (int i = 0; i < len; i++) {
            if (buf[i] == '(') {
                open = i;
                break;
            }
        }
        int close = -1;
        for (int i = len - 1; i > open; i--) {
            if (buf[i] == ')') {
                close = i;
                break;
            }
        }
        if (open < 0 || close < 0) {
            return null;
        }
        String comm = new String(buf, open + 1, close - open - 1, StandardCharsets.UTF_8);
        char state = 0;
        int ppid = -1;
        long start = -1;
        int field = -1;
        int i = close + 1;
        while (i < len && field < STARTTIME_INDEX) {
            while (i < len && buf[i] == ' ') {
                i++;
            }
            if (i >= len || buf[i] == '\n') {
                break;
            }
            field++;
            int from = i;
            while (i < len && buf[i] != ' ' && buf[i] != '\n') {
                i++;
            }
            if (field == 0) {
                state = (char) buf[from];
            } else if (field == PPID_INDEX) {
                ppid = (int) parseLong(buf, from, i);
            } else if (field == STARTTIME_INDEX) {
                start = parseLong(buf, from, i);
            }
        }
        if (field < STARTTIME_INDEX || ppid < 0 || start < 0) {
            return null;
        }
        return new StatLine(comm, state, ppid, start);
    }

    /** -1 for anything that is not a plain non-negative decimal. */
    static long parseLong(byte[] buf, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
