package dev.ebpfmon.apps;

/**
 * What ebpfmon knows about one process (thread group), read once when the pid is first seen and
 * again only when the table notices it changed.
 *
 * @param comm       the kernel's short name (at most 15 characters, from {@code stat})
 * @param cmdline    arguments joined by single spaces; empty for kernel threads and zombies
 * @param uid        real user id, or -1 when {@code status} could not be read
 * @param gid        real group id, or -1 when {@code status} could not be read
 * @param cgroupPath the cgroup v2 path ({@code /system.slice/ssh.service}), or empty when the
 *                   process is not in a v2 hierarchy (or its {@code cgroup} file was unreadable)
 * @param startTime  clock ticks after boot ({@code stat} field 22); with the pid it identifies a
 *                   process, since pids are reused
 */
public record ProcessInfo(int pid, int ppid, String comm, String cmdline, int uid, int gid, String cgroupPath,
                          long startTime) {

    /** Kernel threads are kthreadd (pid 2) and its children; they have no command line. */
    public boolean kernelThread() {
        return pid == 2 || ppid == 2;
    }

    /** Linux keeps 15 characters of a process name (TASK_COMM_LEN 16 with its NUL). */
    public static final int COMM_MAX = 15;

    /**
     * The process name as the command line spells it when the kernel cut the comm at
     * {@value #COMM_MAX} characters: the comm found in the command line and carried on to the end
     * of that word ({@code systemd-journal} in {@code /lib/systemd/systemd-journald} gives
     * {@code systemd-journald}), as Netdata's apps.plugin does since 2.0. The comm itself when it
     * is shorter (nothing was cut) or the command line does not contain it.
     */
    public String untruncatedComm() {
        if (comm.length() < COMM_MAX || cmdline.isEmpty()) {
            return comm;
        }
        int start = cmdline.indexOf(comm);
        if (start < 0) {
            return comm;
        }
        int end = start + comm.length();
        while (end < cmdline.length() && !endsName(cmdline.charAt(end))) {
            end++;
        }
        return cmdline.substring(start, end);
    }

    /** Characters that end a name within a command line (Netdata's list). */
    public static boolean endsName(char c) {
        return Character.isWhitespace(c) || c == '/' || c == '\\' || c == '"' || c == '\'' || c == ')' || c == ':';
    }

    /** The command line, or the comm when there is none, which is what substring patterns match. */
    public String cmdlineOrComm() {
        return cmdline.isEmpty() ? comm : cmdline;
    }
}
