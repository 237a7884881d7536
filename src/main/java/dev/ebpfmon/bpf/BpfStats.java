package dev.ebpfmon.bpf;

/**
 * Per-program run-time statistics switched on with the {@code BPF_ENABLE_STATS} command for as
 * long as this handle is open. The kernel counts holders, so the {@code kernel.bpf_stats_enabled}
 * sysctl is left as the administrator set it and is restored by the kernel even if the JVM dies.
 * Counting costs two clock reads per program run: enable it for self-monitoring, not by default.
 */
public final class BpfStats implements AutoCloseable {
    /** enum bpf_stats_type: the only type there is. */
    private static final int BPF_STATS_RUN_TIME = 0;

    private int fd;

    private BpfStats(int fd) {
        this.fd = fd;
    }

    /** @throws BpfException EPERM without CAP_SYS_ADMIN, EINVAL before kernel 5.8 */
    public static BpfStats enable() throws BpfException {
        Bpf.requireLibbpf();
        int rc = Libbpf.enableStats(BPF_STATS_RUN_TIME);
        if (rc < 0) {
            throw new BpfException("enable BPF run-time statistics", -rc, null);
        }
        return new BpfStats(rc);
    }

    public synchronized boolean isOpen() {
        return fd >= 0;
    }

    @Override
    public synchronized void close() {
        if (fd < 0) {
            return;
        }
        Libc.close(fd);
        fd = -1;
    }
}
