package dev.ebpfmon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One user-side measurement: the agent started as users start it, in one configuration and mode,
 * while a swarm lives; its CPU read from /proc/<pid>/stat over a steady window of whole ticks,
 * its RSS sampled through the window, the kernel memory of its maps, and its own self charts
 * over the same window for comparison.
 */
final class UserRun {
    /**
     * How long to run and where things are.
     *
     * @param warmupSeconds  from agent start, at least, before the window; empty: {@code warmupTicks}
     *                       collections of the configuration measured (see {@link #warmupSeconds(AgentConfig)})
     * @param warmupTicks    collections from agent start before the window, when no seconds are given
     * @param settleSeconds  from agent start, at most, to wait beyond the warm-up for the JVM's
     *                       second young collection (eden touched throughout, long-lived objects
     *                       promoted: the RSS then stays flat unless something grows); 0: no wait
     * @param profileDir     where JFR recordings of the windows go; empty: no profiling
     */
    record Plan(Path launcher, Path workDir, java.util.OptionalInt warmupSeconds, int warmupTicks, int settleSeconds,
            int windowSeconds, Optional<Path> profileDir) {
        /** The least warm-up by collections: the JVM's own start (class loading, the first compilations). */
        static final int MIN_WARMUP_SECONDS = 60;

        /**
         * The warm-up of one configuration. By collections, not seconds: C1 compiles a method after a
         * number of calls, and most of the agent's code runs once a collection, so a 5 s tick takes five
         * times as long as a 1 s tick to run compiled; a fixed warm-up measured the stock file's agent
         * while C1 was still compiling (BENCHMARKS.md, 2026-12-02 evening).
         */
        int warmupSeconds(AgentConfig config) {
            return warmupSeconds.orElse(Math.max(MIN_WARMUP_SECONDS, warmupTicks * config.updateEvery()));
        }

        /** The warm-up, in words, for the report's heading: each configuration's seconds. */
        String describeWarmup(List<AgentConfig> configs) {
            if (warmupSeconds.isPresent()) {
                return warmupSeconds.getAsInt() + " s warm-up from agent start";
            }
            StringBuilder s = new StringBuilder("a warm-up of " + warmupTicks + " collections (at least "
                    + MIN_WARMUP_SECONDS + " s) from agent start: ");
            for (int i = 0; i < configs.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(configs.get(i).label()).append(' ')
                        .append(warmupSeconds(configs.get(i))).append(" s");
            }
            return s.toString();
        }
    }

    /**
     * @param ticks            collection ticks in the window (window / update every)
     * @param cpuTicks         utime + stime over the window, in 10 ms clock ticks
     * @param selfCpuTicks     the same, by the agent's netdata.ebpf_agent_cpu chart; NaN when it had none
     * @param selfTickMillis   mean of netdata.ebpf_tick_duration's "last" (wall time) over the window, ms; NaN when none
     * @param selfTickCpuMillis the same of its "cpu" (the tick thread's CPU time), ms; NaN when none
     * @param outputLagMillis  mean of how long after its whole second each tick's output arrived, ms: the tick's
     *                         wall time seen from outside; NaN when the output is not read (standalone)
     * @param rss              RSS (bytes) sampled every few seconds through the window, with the seconds since start
     * @param heap             the JVM's heap at the end of the window
     * @param historyBytes     the standalone agent's own estimate of its history's heap (/api/v1/info); -1 in netdata mode
     * @param machineBusy      share of all CPUs busy during the window (0..1), from /proc/stat: near 1, the swarm
     *                         and the rest did not leave the agent a free core
     * @param threadNanos      CPU nanoseconds of each of the agent's threads over the window, by name, largest first
     */
    record Result(AgentConfig config, AgentProcess.Mode mode, int processes, int swarmPeriodMs, double firstSampleSeconds,
            int windowSeconds, int ticks, long cpuTicks, double selfCpuTicks, double selfTickMillis, double selfTickCpuMillis, double outputLagMillis, List<double[]> rss,
            JvmHeap heap, long historyBytes, long mapsMemlockBytes, double machineBusy, Map<String, Long> threadNanos,
            Optional<Profile.Summary> profile) {
        double cpuMillisPerTick() {
            return cpuTicks * 10.0 / ticks;
        }

        double cpuMillisPerSecond() {
            return cpuTicks * 10.0 / windowSeconds;
        }

        double selfCpuMillisPerTick() {
            return selfCpuTicks * 10.0 / ticks;
        }

        /** The tick thread's CPU a tick by schedstat (the main thread, {@code java}); NaN if it was not seen. */
        double tickThreadCpuMillisPerTick() {
            Long nanos = threadNanos.get(TICK_THREAD);
            return nanos == null ? Double.NaN : nanos / 1e6 / ticks;
        }
    }

    private static final int RSS_EVERY_SECONDS = 5;
    /** The thread that runs the agent's ticks, by its name in /proc: the main thread of `java -jar`. */
    static final String TICK_THREAD = "java";

    private final Plan plan;

    UserRun(Plan plan) {
        this.plan = plan;
    }

    Result run(AgentConfig config, AgentProcess.Mode mode, Swarm swarm) throws Exception {
        Path configDir = config.writeUnder(plan.workDir().resolve("config"));
        try (AgentProcess agent = AgentProcess.start(plan.launcher(), mode, configDir, plan.workDir())) {
            double first = agent.awaitFirstSample(120 + swarm.count() / 200);
            sleepUntil(agent.startNanos() + TimeUnit.SECONDS.toNanos(plan.warmupSeconds(config)), agent, swarm);
            long settled = agent.startNanos() + TimeUnit.SECONDS.toNanos(plan.settleSeconds());
            while (JvmHeap.of(agent.pid()).youngCollections() < 2 && System.nanoTime() < settled) {
                sleepUntil(Math.min(settled, System.nanoTime() + TimeUnit.SECONDS.toNanos(5)), agent, swarm);
            }
            // whole ticks: a window of k x update-every seconds holds exactly k collections, whatever
            // their phase, as long as its ends fall between ticks (ticks start on whole seconds)
            int window = Math.max(1, plan.windowSeconds() / config.updateEvery()) * config.updateEvery();
            long startWall = sleepToHalfSecond();
            long start = System.nanoTime();
            long cpu0 = ProcFiles.cpuTicks(agent.pid());
            ThreadCpu threads0 = ThreadCpu.of(agent.pid());
            long[] machine0 = ProcFiles.cpuJiffies();
            SelfCharts self = SelfCharts.open(agent);
            List<double[]> rss = new ArrayList<>();
            long end = start + TimeUnit.SECONDS.toNanos(window);
            for (long next = start; next < end; next += TimeUnit.SECONDS.toNanos(RSS_EVERY_SECONDS)) {
                sleepUntil(next, agent, swarm);
                rss.add(new double[] {(System.nanoTime() - agent.startNanos()) / 1e9, ProcFiles.rssBytes(agent.pid())});
            }
            sleepUntil(end, agent, swarm);
            long cpu = ProcFiles.cpuTicks(agent.pid()) - cpu0;
            Map<String, Long> threads = ThreadCpu.of(agent.pid()).since(threads0);
            long[] machine1 = ProcFiles.cpuJiffies();
            double busy = (machine1[0] - machine0[0]) / (double) Math.max(1, machine1[1] - machine0[1]);
            rss.add(new double[] {(System.nanoTime() - agent.startNanos()) / 1e9, ProcFiles.rssBytes(agent.pid())});
            SelfCharts.Reading reading = self.over(start, end, startWall, startWall + window * 1000L);
            long memlock = BpfFds.of(agent.pid()).memlockBytes();
            JvmHeap heap = JvmHeap.of(agent.pid());
            long history = mode == AgentProcess.Mode.STANDALONE ? agent.api(10).historyBytes() : -1;
            Optional<Path> jfr = plan.profileDir().map(d -> d.resolve(config.label() + "-" + mode.label + "-" + swarm.count() + ".jfr"));
            if (jfr.isPresent()) {
                profile(agent, swarm, jfr.get(), window);
            }
            agent.ensureAlive();
            swarm.ensureAlive();
            return new Result(config, mode, swarm.count(), swarm.periodMs(), first, window, window / config.updateEvery(), cpu,
                    reading.cpuTicks(), reading.tickMillis(), reading.tickCpuMillis(), reading.outputLagMillis(), rss, heap, history, memlock, busy,
                    threads, jfr.isPresent() ? Optional.of(Profile.summarise(jfr.get())) : Optional.empty());
        }
    }

    /**
     * A JFR recording over a second window as long as the measured one, right after it: JFR costs
     * the agent CPU of its own (a sample every 5 ms, its buffers, its recorder thread), which must
     * not be in the measured figures.
     */
    private static void profile(AgentProcess agent, Swarm swarm, Path jfr, int windowSeconds) throws Exception {
        Profile.start(agent.pid(), jfr);
        sleepUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(windowSeconds), agent, swarm);
        Profile.stop(agent.pid());
    }

    /** Sleeps to the next x.500 s of the wall clock, between two ticks; returns that time in epoch ms. */
    private static long sleepToHalfSecond() throws InterruptedException {
        long now = System.currentTimeMillis();
        long target = now - now % 1000 + 500;
        if (target <= now) {
            target += 1000;
        }
        Thread.sleep(target - now);
        return target;
    }

    private static void sleepUntil(long nanos, AgentProcess agent, Swarm swarm) throws InterruptedException {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            agent.ensureAlive();
            swarm.ensureAlive();
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
        }
    }
}
