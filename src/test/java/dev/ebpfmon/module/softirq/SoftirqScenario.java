package dev.ebpfmon.module.softirq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.CounterModule;
import dev.ebpfmon.module.HostCounters;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.Scenario;
import dev.ebpfmon.module.ScenarioRun;
import dev.ebpfmon.module.TickBracket;
import dev.ebpfmon.module.loader.LoadedModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Over a window of one or more rounds of {@link #WINDOW_MS} (until NET_RX and NET_TX ran {@link #DRIVEN}
 * times each, at most {@link #MAX_ROUNDS} rounds), with loopback UDP through a rate-limiting qdisc in a network
 * namespace of the test's own (NET_RX; NET_TX when the qdisc's watchdog releases packets) and
 * direct reads from the disk (BLOCK), the runs the module counts of each vector the workload drives
 * equal the growth of /proc/softirqs within 1% (or within the runs that can straddle the window's
 * edges, one per CPU at each edge, when that is more). No vector counts more runs than the kernel
 * did, and the drift chart says how many fewer, within the bounds the test reads around each of
 * the collector's ticks ({@link TickBracket}). (Not every vector within 1%: on our kernel
 * the tracepoint programs are not called for a share of the runs ftrace still sees, up to a few
 * percent of the RCU vector's; that is what the drift chart is for.) Softirqs are host-wide and
 * nothing is counted per process: the per-process expectation is null.
 */
public final class SoftirqScenario implements Scenario {
    static final long WINDOW_MS = 3000;
    /** Runs a vector driven by the workload must reach in the window for 1% to mean something. */
    static final long DRIVEN = 1000;
    /**
     * Rounds of {@link #WINDOW_MS} the workload runs at most to reach {@link #DRIVEN}: an emulated guest on a
     * loaded machine sends fewer packets a round (987 NET_TX runs in one round in CI).
     */
    static final int MAX_ROUNDS = 5;
    private static final Path WORKLOAD = Path.of("target/native/ebpfmon-workload").toAbsolutePath();
    private static final String NETNS = "ebpfmon-softirq-" + ProcessHandle.current().pid();

    @Override
    public List<String> ops() {
        return List.of("udp-loop:50");
    }

    @Override
    public long[] expected(LoadMode mode) {
        return null;
    }

    /** A namespace whose loopback device delays packets with a token bucket (a NET_TX per release). */
    @Override
    public AutoCloseable prepare(Path dir) throws Exception {
        run("ip", "netns", "add", NETNS);
        try {
            run("ip", "-n", NETNS, "link", "set", "lo", "up");
            run("tc", "-n", NETNS, "qdisc", "add", "dev", "lo", "root", "tbf", "rate", "8mbit", "burst", "16kb",
                    "latency", "50ms");
        } catch (Exception | AssertionError e) {
            run("ip", "netns", "delete", NETNS);
            throw e;
        }
        return () -> run("ip", "netns", "delete", NETNS);
    }

    @Override
    public void check(ScenarioRun run) throws Exception {
        LoadedModules modules = run.modules();
        var collector = modules.running().getFirst().collector();
        try (HostCounters counters = new HostCounters(modules.maps().get(CounterModule.hostMap("softirq")),
                SoftirqVector.COUNTERS)) {
            TickBracket.Totals ours = () -> {
                long[] values = new long[SoftirqVector.COUNTERS];
                counters.read(values);
                Map<String, Long> byVector = new HashMap<>();
                for (SoftirqVector v : SoftirqVector.values()) {
                    byVector.put(v.name(), values[v.eventsId()]);
                }
                return byVector;
            };
            TickBracket.Totals kernel = () -> {
                long[] totals = ProcSoftirqs.totals(Files.readString(SoftirqModule.PROC_SOFTIRQS));
                Map<String, Long> byVector = new HashMap<>();
                for (SoftirqVector v : SoftirqVector.values()) {
                    if (totals[v.ordinal()] != ProcSoftirqs.ABSENT) {
                        byVector.put(v.name(), totals[v.ordinal()]);
                    }
                }
                return byVector;
            };
            Tick first = new Tick();
            TickBracket start = TickBracket.around(ours, kernel, () -> collector.collect(first));

            long[] kernelAtStart = ProcSoftirqs.totals(Files.readString(SoftirqModule.PROC_SOFTIRQS));
            int rounds = 0;
            do {
                driveOneRound(run.dir());
                rounds++;
            } while (rounds < MAX_ROUNDS && !networkDriven(kernelAtStart));

            Tick last = new Tick();
            TickBracket.Window window = new TickBracket.Window(start,
                    TickBracket.around(ours, kernel, () -> collector.collect(last)));

            long[] drift = sample(last, "system.softirq_drift").values();
            long straddling = 2L * Runtime.getRuntime().availableProcessors();
            StringBuilder measured = new StringBuilder("softirq window " + rounds + " x " + WINDOW_MS + " ms:");
            for (SoftirqVector v : SoftirqVector.values()) {
                measured.append(' ').append(window.describe(v.name())).append(" drift ").append(drift[v.ordinal()])
                        .append(';');
            }
            System.out.println(measured);

            List<SoftirqVector> driven = new ArrayList<>(List.of(SoftirqVector.NET_RX, SoftirqVector.NET_TX));
            if (Files.readString(run.dir().resolve("direct-io")).strip().equals("direct")
                    && KernelTests.onBlockDevice(run.dir())) {
                driven.add(SoftirqVector.BLOCK);
            }
            for (SoftirqVector v : SoftirqVector.values()) {
                String row = v.name();
                if (!window.kernelHas(row)) {
                    continue;
                }
                String what = row + " in " + measured;
                // a run that began before a read and ended after it is the kernel's then, ours later
                assertThat(window.oursAtLeast(row)).as("never more runs than the kernel's: " + what)
                        .isLessThanOrEqualTo(window.kernelAtMost(row) + straddling);
                assertThat(drift[v.ordinal()]).as("the drift chart says what the module missed: " + what)
                        .isBetween(window.driftAtLeast(row) - straddling, window.driftAtMost(row) + straddling);
                if (driven.contains(v)) {
                    long kernelRuns = window.kernelAtLeast(row);
                    assertThat(kernelRuns).as("driven by the workload: " + what).isGreaterThanOrEqualTo(DRIVEN);
                    assertThat(window.oursAtMost(row)).as("within 1%: " + what)
                            .isGreaterThanOrEqualTo(kernelRuns - Math.max(kernelRuns / 100, straddling));
                }
            }
            long[] latencyBefore = sample(first, "system.softirq_latency").values();
            long[] latencyAfter = sample(last, "system.softirq_latency").values();
            for (SoftirqVector v : SoftirqVector.values()) {
                assertThat(latencyAfter[v.ordinal()]).as(v + " latency (ms, running total)")
                        .isGreaterThanOrEqualTo(latencyBefore[v.ordinal()]);
            }
            assertThat(latencyAfter[SoftirqVector.NET_RX.ordinal()]).as("NET_RX time grew")
                    .isGreaterThan(latencyBefore[SoftirqVector.NET_RX.ordinal()]);
        }
    }

    private static void driveOneRound(Path dir) throws Exception {
        List<Process> load = new ArrayList<>();
        load.add(start(List.of("ip", "netns", "exec", NETNS), dir, "udp-loop:" + WINDOW_MS));
        load.add(start(List.of(), dir, "direct-io:" + WINDOW_MS));
        for (Process p : load) {
            assertThat(p.waitFor(WINDOW_MS + 30_000, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(p.exitValue()).as("workload exit status").isZero();
        }
    }

    /** Whether the kernel ran NET_RX and NET_TX at least {@link #DRIVEN} times each since {@code start}. */
    private static boolean networkDriven(long[] start) throws Exception {
        long[] now = ProcSoftirqs.totals(Files.readString(SoftirqModule.PROC_SOFTIRQS));
        return Stream.of(SoftirqVector.NET_RX, SoftirqVector.NET_TX)
                .allMatch(v -> now[v.ordinal()] - start[v.ordinal()] >= DRIVEN);
    }

    private static Sample sample(Tick tick, String chart) {
        return tick.samples().stream().filter(s -> s.chart().fullId().equals(chart)).findFirst().orElseThrow();
    }

    private static Process start(List<String> prefix, Path dir, String op) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(WORKLOAD.toString(), dir.toString(), op));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
