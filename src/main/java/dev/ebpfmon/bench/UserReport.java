package dev.ebpfmon.bench;

import java.util.List;
import java.util.Locale;

/** The user-side table: one row per population, configuration and agent mode. */
final class UserReport {
    static final double AGREEMENT = 0.10;
    static final String HEADER = "| processes | period | config | agent | first sample | CPU ms/tick | CPU ms/s"
            + " | self chart CPU ms/tick | tick chart ms | tick chart CPU ms | RSS MiB (young GCs) | RSS slope MiB/h"
            + " | RSS at 1 h MiB | history MiB | maps kernel memory | machine busy |\n"
            + "|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

    private UserReport() {}

    static String row(UserRun.Result r) {
        double[] last = r.rss().getLast();
        double slope = slopePerHour(r.rss());
        double projected = projectedRss(last, slope, r.heap());
        // utime and stime are whole clock ticks, each read at both ends of the window
        double resolution = 2 * 10.0 / r.ticks();
        return String.format(Locale.ROOT, "| %,d | %s | %s | %s | %.2f s | %.1f ±%.1f | %.1f | %s | %s | %s | %.0f (%d) | %+.0f | %.0f | %s | %.1f MiB | %.0f%% |%n",
                r.processes(), period(r.swarmPeriodMs()), r.config().label(), r.mode().label, r.firstSampleSeconds(), r.cpuMillisPerTick(), resolution,
                r.cpuMillisPerSecond(), compared(r.selfCpuMillisPerTick(), r.cpuMillisPerTick()),
                compared(r.selfTickMillis(), r.outputLagMillis()), compared(r.selfTickCpuMillis(), r.tickThreadCpuMillisPerTick()),
                mib(last[1]), r.heap().youngCollections(), mib(slope),
                mib(projected), r.historyBytes() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", mib(r.historyBytes())),
                mib(r.mapsMemlockBytes()), 100 * r.machineBusy());
    }

    /**
     * Where each row's CPU went, by thread: the tick thread (the main thread, {@code java}) against
     * the JVM's own (GC in {@code VM Thread}, the JIT, housekeeping).
     */
    static String threads(List<UserRun.Result> results) {
        StringBuilder s = new StringBuilder("CPU ms a tick by thread (`/proc/<pid>/task/*/schedstat`, exact where the"
                + " columns above count clock ticks):\n");
        for (UserRun.Result r : results) {
            s.append(String.format(Locale.ROOT, "- %,d, %s, %s: %s%n", r.processes(), r.config().label(),
                    r.mode().label, ThreadCpu.render(r.threadNanos(), r.ticks())));
        }
        return s.append('\n').toString();
    }

    /**
     * RSS one hour after the agent's start: the end of the window plus a rising slope carried on.
     * Before the JVM's first young collection the slope is eden being touched for the first time,
     * which stops when eden is full: then all of eden is added instead (an upper bound).
     */
    static double projectedRss(double[] last, double slopePerHour, JvmHeap heap) {
        if (heap.youngCollections() == 0) {
            return last[1] + heap.edenCapacityBytes();
        }
        return last[1] + Math.max(0, slopePerHour) * Math.max(0, 3600 - last[0]) / 3600;
    }

    static String legend(List<AgentConfig> configs, String limits) {
        StringBuilder s = new StringBuilder("Configurations (each in its own `--config-dir`):\n");
        configs.forEach(c -> s.append("- **").append(c.label()).append("**: ").append(c.description()).append(".\n"));
        s.append("""
                Agent: **netdata** = `bin/ebpfmon netdata 1 --config-dir <dir>` (as Netdata starts ebpf.plugin; its plugins.d \
                output read and discarded by the benchmark); **standalone** = `bin/ebpfmon --config-dir <dir> --listen 127.0.0.1:0` \
                (one hour of history, dashboard, /metrics and JSON API).
                Swarm: `ebpfmon-swarm N FILE PERIOD_MS` (src/main/native/swarm.c), N live processes, each doing openat + \
                read + close of one file once per *period* (1 ms per process, at least 1 s: 1,000 wake-ups a second in \
                all, unless `--swarm-period-ms` says otherwise), their wake-ups spread over the period (4 syscalls \
                per process per period, with the sleep).
                Columns:
                - *first sample*: from the agent's process start to its first complete tick (netdata: the first `END`; \
                standalone: the first chart in /api/v1/info).
                - *CPU ms/tick*: utime + stime of the agent process (every thread: collection, JIT, GC, output) from \
                `/proc/<pid>/stat` over the window, divided by the collection ticks in it (window / update every); ± is \
                the resolution of the clock-tick counters over that window. *CPU ms/s*: the same per second of the window.
                - *self chart CPU*: the same window as the agent's `netdata.ebpf_agent_cpu` chart tells it, against the \
                CPU ms/tick above. *tick chart ms*: the mean `last` of `netdata.ebpf_tick_duration` (wall time of a tick, \
                from its first read to its output written, waits included) in the window, against the same seen from \
                outside: how long after the whole second a tick started on its output arrived (netdata mode; the \
                standalone agent's output is not timed). *tick chart CPU*: the mean of its `cpu` (the CPU time of the \
                tick's thread from one tick's end to the next's: no GC, JIT or HTTP threads), against that thread's \
                schedstat (`java`, below) a tick. In brackets: the difference to the outside figure; bold when it is more \
                than 10 %.
                - *RSS*: VmRSS at the end of the window, with the JVM's young collections by then (`jstat -gc`). A JVM's \
                RSS climbs until its eden has been filled once (every page touched) and its long-lived objects have been \
                promoted, then stays flat unless something grows: the window starts after the warm-up and, if need be, \
                after the second young collection (up to the settle limit). *slope*: least-squares fit of RSS sampled \
                every 5 s through the window. *RSS at 1 h*: the end RSS plus a rising slope carried on to one hour after \
                the agent's start; while no young collection has happened yet, the end RSS plus all of eden instead \
                (an upper bound: the slope is then eden being touched, which ends when eden is full).
                - *history*: the standalone agent's own estimate of its history's heap (`/api/v1/info` \
                `history_memory_bytes`); each dimension's ring of 3,600 seconds is allocated whole when the dimension \
                first appears, so the history is as large after its first minute as after an hour, for the same \
                dimensions.
                - *maps kernel memory*: memlock of every BPF map the agent holds (`/proc/<pid>/fdinfo`), each map once.
                - *machine busy*: share of all CPUs busy during the window (`/proc/stat`), everything included (the \
                swarm costs the kernel a wake-up, a context switch and four syscalls per process per period): near \
                100 %, the machine could not keep up and every figure above is suspect.
                """);
        s.append("Kernel limits for the swarm: ").append(limits).append(".\n");
        return s.toString();
    }

    static String period(int ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** "2.0 (-5%)", with the difference to the outside figure; flagged when it is more than 10 %. */
    static String compared(double self, double outside) {
        if (!Double.isFinite(self)) {
            return "n/a";
        }
        if (!(outside > 0)) { // nothing measured outside (0 or NaN): the value alone
            return String.format(Locale.ROOT, "%.1f", self);
        }
        double diff = (self - outside) / outside;
        return String.format(Locale.ROOT, Math.abs(diff) <= AGREEMENT ? "%.1f (%+.0f%%)" : "%.1f (**%+.0f%%**)", self, 100 * diff);
    }

    /** Least-squares slope of RSS over time, bytes per hour. */
    static double slopePerHour(List<double[]> points) {
        int n = points.size();
        if (n < 2) {
            return 0;
        }
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx * 3600;
    }

    private static double mib(double bytes) {
        return bytes / 1048576.0;
    }
}
