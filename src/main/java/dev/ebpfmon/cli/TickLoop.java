package dev.ebpfmon.cli;

import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.kernel.ThreadCpuClock;
import dev.ebpfmon.module.StatusCharts;
import dev.ebpfmon.module.loader.LoadedModules;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Collects every running module on its own `update every`, on whole-second boundaries of the wall
 * clock (so that ticks line up with Netdata's), and hands each tick to the output. A collector
 * that fails is logged once per failure in one line; one that fails {@value #FAILURES_TO_DETACH}
 * ticks in a row is taken out of the running set with its reason.
 */
final class TickLoop {
    private static final System.Logger LOG = System.getLogger("ebpfmon");
    static final int FAILURES_TO_DETACH = 5;

    /** Where a tick goes: the plugins.d writer, the table, the history, ... */
    interface Output {
        /** @return false to stop (e.g. stdout closed: Netdata went away) */
        boolean accept(long nowMicros, Tick tick);
    }

    private final Session session;
    private final int selfUpdateEvery;
    private final boolean tablesWanted;
    private final Map<String, Integer> failures = new HashMap<>();
    private volatile boolean stopped;

    /** Read on the tick thread only (run). */
    private final ThreadCpuClock cpuClock = new ThreadCpuClock();
    private final java.util.Optional<OldGenerationWatch> oldGeneration = OldGenerationWatch.ofThisJvm();
    /** The status charts of the current module set; read on the tick thread only. */
    private StatusCharts statusCharts;

    TickLoop(Session session, int selfUpdateEvery) {
        this(session, selfUpdateEvery, true);
    }

    /** @param tablesWanted whether the output shows live tables: collectors build them only then */
    TickLoop(Session session, int selfUpdateEvery, boolean tablesWanted) {
        this.session = session;
        this.selfUpdateEvery = selfUpdateEvery;
        this.tablesWanted = tablesWanted;
    }

    /** Runs until the output refuses a tick, {@code maxTicks} seconds pass (0: forever), {@link #stop} or interrupt. */
    void run(Output output, long maxTicks) throws InterruptedException {
        session.tickTimer.start(cpuClock.nanos());
        for (long second = 0; !stopped && (maxTicks == 0 || second < maxTicks); second++) {
            sleepToNextSecond();
            if (stopped) {
                return;
            }
            long start = System.nanoTime();
            Tick tick = collect(second);
            if (tick.isEmpty()) {
                continue; // a second on which nothing is due (update every > 1)
            }
            boolean goOn = output.accept(System.currentTimeMillis() * 1000, tick);
            // the tick's whole time, output included, and its thread's CPU since the previous tick:
            // what the tick chart shows next to the agent's CPU
            session.tickTimer.record(System.nanoTime() - start, cpuClock.nanos());
            oldGeneration.ifPresent(OldGenerationWatch::check); // after the tick: not in its duration
            if (!goOn) {
                return;
            }
        }
    }

    /** Ends {@link #run} before its next tick (SIGTERM, Ctrl-C); safe from any thread. */
    void stop() {
        stopped = true;
    }

    /** One tick; holds the session so that a module switch cannot close maps being read. */
    Tick collect(long second) {
        Tick tick = new Tick(tablesWanted);
        Map<String, String> toDetach = new HashMap<>();
        synchronized (session) {
            ModuleSet set = session.current();
            if (set == null) {
                return tick;
            }
            // the records first: the syscall modules' host counts include what the records counted
            if (set.groups() != null && second % set.groupsEvery() == 0) {
                collect("per-application charts", () -> set.groups().collect(tick));
            }
            for (LoadedModules.Running module : set.modules().running()) {
                if (second % module.context().updateEvery() == 0) {
                    String failure = collect(module.name(), () -> module.collector().collect(tick));
                    if (failure != null) {
                        toDetach.put(module.name(), failure);
                    }
                }
            }
            if (second % selfUpdateEvery == 0) {
                if (statusCharts == null || !statusCharts.describe(set.statuses())) {
                    statusCharts = new StatusCharts(set.statuses(), selfUpdateEvery);
                }
                tick.addAll(statusCharts.samples());
                set.self().collect(tick);
            }
        }
        toDetach.forEach(this::detach);
        return tick;
    }

    /**
     * Runs one collection; a failure is logged in one line (the first ones, then one in a minute).
     *
     * @return why, once it failed {@value #FAILURES_TO_DETACH} times in a row; null otherwise
     */
    private String collect(String what, Runnable collection) {
        try {
            collection.run();
            failures.remove(what);
            return null;
        } catch (RuntimeException e) {
            int inARow = failures.merge(what, 1, Integer::sum);
            if (inARow <= FAILURES_TO_DETACH || inARow % 60 == 0) {
                LOG.log(System.Logger.Level.ERROR, "collecting " + what + " failed (" + inARow + " in a row): " + e);
                LOG.log(System.Logger.Level.DEBUG, "collecting " + what + " failed", e);
            }
            return inARow == FAILURES_TO_DETACH ? "its collector failed " + inARow + " ticks in a row: " + e : null;
        }
    }

    /** Rebuilds the module set without the module, off the tick thread: building takes a while. */
    private void detach(String module, String reason) {
        LOG.log(System.Logger.Level.ERROR, "module {0} switched off: {1}", module, reason);
        Thread.ofPlatform().daemon().name("ebpfmon-detach-" + module).start(() -> session.detachFailed(module, reason));
    }

    private static void sleepToNextSecond() throws InterruptedException {
        long now = System.currentTimeMillis();
        TimeUnit.MILLISECONDS.sleep(1000 - now % 1000);
    }
}
