package dev.ebpfmon.cli;

import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.module.LoadedModules;
import dev.ebpfmon.module.StatusCharts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Collects every running module on its own `update every`, on whole-second boundaries of the wall
 * clock (so that ticks line up with Netdata's), and hands each tick's samples to the output.
 */
final class TickLoop {
    private static final System.Logger LOG = System.getLogger("ebpfmon");

    /** Where a tick goes: the plugins.d writer, the table, the history, ... */
    interface Output {
        /** @return false to stop (e.g. stdout closed: Netdata went away) */
        boolean accept(long nowMicros, List<Sample> samples);
    }

    private final Session session;
    private final int selfUpdateEvery;

    TickLoop(Session session, int selfUpdateEvery) {
        this.session = session;
        this.selfUpdateEvery = selfUpdateEvery;
    }

    /** Runs until the output refuses a tick, {@code maxTicks} seconds pass (0: forever), or interrupt. */
    void run(Output output, long maxTicks) throws InterruptedException {
        for (long second = 0; maxTicks == 0 || second < maxTicks; second++) {
            sleepToNextSecond();
            List<Sample> samples = collect(second);
            if (!samples.isEmpty() && !output.accept(System.currentTimeMillis() * 1000, samples)) {
                return;
            }
        }
    }

    /** One tick; holds the session so that a module switch cannot close maps being read. */
    List<Sample> collect(long second) {
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        synchronized (session) {
            Session.Loaded loaded = session.loaded();
            for (LoadedModules.Running module : loaded.modules().running()) {
                if (second % module.request().settings().updateEvery() != 0) {
                    continue;
                }
                try {
                    samples.addAll(module.collector().collect());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "collecting " + module.name() + " failed", e);
                }
            }
            if (second % loaded.groups().updateEvery() == 0) {
                samples.addAll(loaded.groups().collect());
            }
            session.tickTimer.record(System.nanoTime() - start);
            if (second % selfUpdateEvery == 0) {
                samples.addAll(StatusCharts.samples(loaded.statuses(), selfUpdateEvery));
                samples.addAll(loaded.self().collect());
            }
        }
        return samples;
    }

    private static void sleepToNextSecond() throws InterruptedException {
        long now = System.currentTimeMillis();
        TimeUnit.MILLISECONDS.sleep(1000 - now % 1000);
    }
}
