package dev.ebpfmon.bpf;

import java.util.Optional;

/**
 * Waiting, from user space, until every BPF program running at the time of the call has ended and
 * its writes are visible: membarrier(2)'s MEMBARRIER_CMD_GLOBAL, which waits for an RCU grace period.
 * Tracepoint programs run inside RCU read-side sections, so a grace period outlasts each of them
 * that was running when it began, and its own barriers make their writes visible to the caller;
 * programs that start later see what the caller wrote before the call. It blocks the caller for a
 * grace period (8 ms on our machine) and costs it next to no CPU.
 * Unavailable with nohz_full CPUs (the kernel does not offer the command then), under a seccomp
 * filter that refuses the call, and on kernels before 4.3.
 */
public final class GracePeriod {
    private static final int MEMBARRIER_CMD_QUERY = 0;
    private static final int MEMBARRIER_CMD_GLOBAL = 1;
    private static final Optional<String> UNAVAILABLE = probe();

    private GracePeriod() {}

    /** Why {@link #await()} cannot be used on this machine; empty when it can. */
    public static Optional<String> unavailable() {
        return UNAVAILABLE;
    }

    /**
     * Returns once every BPF program that was running when it was called has ended.
     *
     * @throws IllegalStateException if the kernel refuses (never once {@link #unavailable()} is empty, short of
     *                               a CPU set nohz_full or a seccomp filter installed since)
     */
    public static void await() {
        long r = Libc.membarrier(MEMBARRIER_CMD_GLOBAL);
        if (r < 0) {
            throw new IllegalStateException("membarrier(MEMBARRIER_CMD_GLOBAL) failed: " + Errno.text((int) -r));
        }
    }

    private static Optional<String> probe() {
        long commands = Libc.membarrier(MEMBARRIER_CMD_QUERY);
        if (commands < 0) {
            return Optional.of("membarrier(2) refused: " + Errno.text((int) -commands));
        }
        if ((commands & MEMBARRIER_CMD_GLOBAL) == 0) {
            return Optional.of("membarrier(2) offers no MEMBARRIER_CMD_GLOBAL here (nohz_full CPUs)");
        }
        return Optional.empty();
    }
}
