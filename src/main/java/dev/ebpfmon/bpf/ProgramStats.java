package dev.ebpfmon.bpf;

/**
 * The kernel's running totals for one program ({@code run_time_ns}, {@code run_cnt} of
 * {@code struct bpf_prog_info}). They only grow while run-time statistics are on (see
 * {@link BpfStats}); otherwise they stay where they were.
 */
public record ProgramStats(long runTimeNanos, long runCount) {
    /** Average nanoseconds per run, 0 before the first counted run. */
    public double nanosPerRun() {
        return runCount == 0 ? 0 : (double) runTimeNanos / runCount;
    }
}
