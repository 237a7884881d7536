package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.kernel.KernelInspector;
import dev.ebpfmon.module.ModuleStatus;
import dev.ebpfmon.module.self.TickTimer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BPF: the module set is swapped whole or not at all. A rebuild that fails leaves the running
 * set running and counting; a module whose collector keeps failing is taken out with its reason.
 */
@Tag("kernel")
class SessionKernelTest {
    private static final Path WORKLOAD = Path.of("target/native/ebpfmon-workload").toAbsolutePath();

    @TempDir
    Path dir;

    private Path config(String programs) throws Exception {
        return config("", programs);
    }

    private Path config(String global, String programs) throws Exception {
        Path conf = dir.resolve("config");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("ebpf.d.conf"),
                "[global]\n    update every = 1\n" + global + "[ebpf programs]\n" + programs);
        return conf;
    }

    /** The fd module's host count of opens, from one tick. */
    private static long opens(TickLoop loop, long second) {
        return values(loop.collect(second), "filesystem.file_descriptor")[0];
    }

    private static long[] values(Tick tick, String chart) {
        for (Sample s : tick.samples()) {
            if (s.chart().fullId().equals(chart)) {
                return s.values();
            }
        }
        throw new AssertionError("no " + chart + " sample");
    }

    /**
     * With apps on, fd counts a call in its process's record, not in the host slot: the host chart
     * adds the records, read in the same tick (the host slot alone would show none of the opens).
     */
    @Test
    void withAppsOnTheHostChartCountsWhatTheRecordsCounted() throws Exception {
        long[] grown = opensAndRefusalsWithApps(32768);
        assertThat(grown[0]).as("opens on the host chart").isGreaterThanOrEqualTo(25 + 30);
    }

    /** ... and for a process the table refused a record, in the host slot, which the chart also has. */
    @Test
    void withAppsOnTheHostChartCountsTheProcessesTheTableRefused() throws Exception {
        // one slot: taken by the first process that opens anything, and kept until the agent has read
        // that process's exit twice; the next ones are refused a record
        long[] grown = opensAndRefusalsWithApps(1);
        assertThat(grown[1]).as("processes refused a record").isPositive();
        assertThat(grown[0]).as("opens on the host chart").isGreaterThanOrEqualTo(25 + 30);
    }

    private void openFiles(int n) throws Exception {
        Process p = new ProcessBuilder(WORKLOAD.toString(), dir.toString(), "open:" + n).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    /** What the host chart's opens and the table's refusals grew by over one tick while two processes opened files. */
    private long[] opensAndRefusalsWithApps(int pidTableSize) throws Exception {
        Path conf = config("    apps = yes\n    pid table size = " + pidTableSize + "\n",
                "    process = no\n    fd = yes\n    vfs = no\n");
        try (Session session = Session.open(Optional.of(conf), KernelInspector.system(), s -> s,
                Session.Options.DEFAULT)) {
            TickLoop loop = new TickLoop(session, 1);
            Tick first = loop.collect(0);
            openFiles(25);
            openFiles(30);
            Tick next = loop.collect(1); // the records are read before the host counts
            return new long[] {
                values(next, "filesystem.file_descriptor")[0] - values(first, "filesystem.file_descriptor")[0],
                values(next, "netdata.ebpf_pid_records")[3] - values(first, "netdata.ebpf_pid_records")[3]};
        }
    }

    @Test
    void theTickChartTimesTheWholeTickOutputIncludedAndItsCpuApart() throws Exception {
        Path conf = config("    process = no\n    fd = yes\n    vfs = no\n");
        try (Session session = Session.open(Optional.of(conf), KernelInspector.system(), s -> s,
                Session.Options.DEFAULT)) {
            TickLoop loop = new TickLoop(session, 1);
            long outputNanos = TimeUnit.MILLISECONDS.toNanos(50);
            loop.run((now, tick) -> {
                for (long until = System.nanoTime() + outputNanos; System.nanoTime() < until; ) {
                    LockSupport.parkNanos(until - System.nanoTime()); // a slow reader of the output
                }
                return true;
            }, 2);
            TickTimer.Reading timed = session.tickTimer.readAndReset();
            assertThat(timed.ticks()).isEqualTo(2);
            assertThat(timed.lastNanos()).as("the output's time is the tick's").isGreaterThanOrEqualTo(outputNanos);
            // the output waited: wall time, not the tick thread's CPU time
            assertThat(timed.lastCpuNanos()).as("CPU time of a tick that waited 50 ms").isPositive()
                    .isLessThan(timed.lastNanos() - outputNanos / 2);
        }
    }

    @Test
    void aRebuildThatFailsKeepsTheRunningSetCounting() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Session.SetBuilder failingSecond = (session, requests, others) -> {
            if (builds.incrementAndGet() == 2) {
                throw new IllegalStateException("deliberate failure of the second build");
            }
            return Session.LOAD.build(session, requests, others);
        };
        Path conf = config("    process = no\n    fd = yes\n    vfs = no\n");
        try (Session session = Session.open(Optional.of(conf), KernelInspector.system(), s -> s,
                Session.Options.DEFAULT.withBuilder(failingSecond))) {
            ModuleSet first = session.current();
            TickLoop loop = new TickLoop(session, 1);
            long before = opens(loop, 0);

            ModuleStatus vfs = session.setEnabled("vfs", true);

            assertThat(vfs.state()).isEqualTo(ModuleStatus.State.UNAVAILABLE);
            assertThat(vfs.reason()).contains("the previous one keeps running")
                    .contains("deliberate failure of the second build");
            assertThat(session.current()).isSameAs(first);
            assertThat(session.statuses()).filteredOn(s -> s.module().equals("vfs"))
                    .allSatisfy(s -> assertThat(s.state()).isEqualTo(ModuleStatus.State.DISABLED));
            openFiles(25);
            assertThat(opens(loop, 1) - before).as("the first set still counts").isGreaterThanOrEqualTo(25);

            ModuleStatus again = session.setEnabled("vfs", true);
            assertThat(again.runs()).as(again.toString()).isTrue();
            assertThat(session.current()).isNotSameAs(first);
        }
    }

    @Test
    void aModuleWhoseCollectorKeepsFailingIsTakenOut() throws Exception {
        Path conf = config("    process = yes\n    fd = yes\n    vfs = no\n");
        try (Session session = Session.open(Optional.of(conf), KernelInspector.system(), s -> s)) {
            TickLoop loop = new TickLoop(session, 1);
            session.current().modules().running().stream().filter(r -> r.name().equals("fd")).findFirst()
                    .orElseThrow().collector().close(); // its reads now fail
            for (long second = 0; second < TickLoop.FAILURES_TO_DETACH; second++) {
                loop.collect(second);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            ModuleStatus fd;
            do {
                Thread.sleep(50);
                fd = session.statuses().stream().filter(s -> s.module().equals("fd")).findFirst().orElseThrow();
            } while (fd.runs() && System.nanoTime() < deadline);
            assertThat(fd.state()).isEqualTo(ModuleStatus.State.UNAVAILABLE);
            assertThat(fd.reason()).contains("failed " + TickLoop.FAILURES_TO_DETACH + " ticks in a row");
            assertThat(session.statuses()).filteredOn(s -> s.module().equals("process"))
                    .allSatisfy(s -> assertThat(s.runs()).isTrue());
            assertThat(session.current().modules().running()).extracting(r -> r.name()).contains("process").doesNotContain("fd");
        }
    }
}
