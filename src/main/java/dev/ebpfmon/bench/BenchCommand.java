package dev.ebpfmon.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `ebpfmon bench`: what the agent costs, measured on the agent itself as users start it. Kernel
 * side: ns added per syscall against nothing, the floor (empty programs where the agent attaches)
 * and bpftrace. User side: the agent's CPU per tick, RSS, first sample and map memory under a
 * swarm of live processes. Prints Markdown (BENCHMARKS.md); progress goes to stderr.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ebpfmon's overhead (kernel and user side) on the real agent; prints Markdown tables.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--smoke", description = "a short run (well under a minute) that checks every part works, not its timings")
    boolean smoke;

    @Option(names = "--rounds", description = "interleaved rounds of the kernel side (default: 7; smoke: 1)")
    Integer rounds;

    @Option(names = "--calls", description = "syscalls per loop (default: 2000000; smoke: 20000)")
    Long calls;

    @Option(names = "--processes", split = ",", description = "swarm sizes of the user side (default: 1000,10000,30000; smoke: 200)")
    List<Integer> processes;

    @Option(names = "--configs", split = ",", description = "user-side configurations: stock, all, builtin (default: stock,all; smoke: all)")
    List<String> configs;

    @Option(names = "--modes", split = ",", description = "user-side agent modes: netdata, standalone (default: both)")
    List<String> modes = List.of("netdata", "standalone");

    @Option(names = "--warmup", description = "seconds from agent start before the window, for every configuration"
            + " (default: --warmup-ticks collections; smoke: 3)")
    Integer warmup;

    @Option(names = "--warmup-ticks", description = "collections from agent start before the window, at least 60 s: the"
            + " same number of ticks for a configuration of 5 s ticks as for one of 1 s ticks (default: ${DEFAULT-VALUE})")
    int warmupTicks = 100;

    @Option(names = "--settle", description = "seconds from agent start to wait at most for the JVM's second young"
            + " collection before the window, so that RSS has settled (default: 600; smoke: 0)")
    Integer settle;

    @Option(names = "--window", description = "seconds measured, rounded down to whole ticks (default: 120; smoke: 2)")
    Integer window;

    @Option(names = "--swarm-period-ms", description = "each swarm process opens, reads and closes its file once per"
            + " this many ms (default: 1 ms per process, at least 1000: 1,000 wake-ups a second in all, what a 2-core"
            + " VM sustains)")
    Integer swarmPeriodMs;

    @Option(names = "--profile", description = "after every user-side window, record JFR (CPU-time sampling) over a second window as long, and print the top frames")
    boolean profile;

    @Option(names = "--summarise", paramLabel = "JFR_FILE", description = "only print the top frames of a JFR recording"
            + " (e.g. one made with JAVA_TOOL_OPTIONS=-XX:StartFlightRecording=...) and exit")
    Path summarise;

    @Option(names = "--profile-dir", description = "where the JFR recordings go (default: ${DEFAULT-VALUE})")
    Path profileDir = Path.of("target/bench-profile");

    @Option(names = "--workload", description = "the native workload (default: ${DEFAULT-VALUE})")
    Path workload = Path.of("target/native/ebpfmon-workload");

    @Option(names = "--swarm", description = "the native swarm (default: ${DEFAULT-VALUE})")
    Path swarm = Path.of("target/native/ebpfmon-swarm");

    @Option(names = "--agent", description = "the agent's launcher (default: ${DEFAULT-VALUE})")
    Path agent = Path.of("bin/ebpfmon");

    @Option(names = "--baseline-agent", description = "the kernel side also measures this launcher (another build) in the"
            + " same interleaved rounds: rows baseline-<config>, for a before/after comparison in one run")
    Path baselineAgent;

    @Option(names = "--no-module-rows", description = "the kernel side leaves out the rows of each module alone")
    boolean noModuleRows;

    @Option(names = "--skip-kernel", description = "only the user side")
    boolean skipKernel;

    @Option(names = "--skip-user", description = "only the kernel side")
    boolean skipUser;

    private final PrintStream out = System.out;
    private final System.Logger log = System.getLogger("ebpfmon.bench");

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (summarise != null) {
            out.print(Profile.summarise(summarise).render());
            return 0;
        }
        if (!Files.isDirectory(Path.of("/sys/kernel/btf")) || ProcessHandle.current().info().user().map(u -> !u.equals("root")).orElse(true)) {
            System.err.println("ebpfmon bench: needs root and a kernel with BTF");
            return 2;
        }
        KernelLimits.restoreLeftOver();
        StopChildrenOnExit.install();
        Path work = Files.createTempDirectory("ebpfmon-bench");
        try {
            out.printf(Locale.ROOT, "# ebpfmon bench%s%n%n%s%n%nCommand: `%s`%n%nAt start: %s; %s; BPF run-time statistics %s.%n%n",
                    smoke ? " --smoke (timings not meaningful)" : "", Machine.describe(),
                    ProcessHandle.current().info().commandLine().orElse("?"), Machine.busy(), Machine.otherLinks(),
                    Machine.bpfStatsOn() ? "on (someone holds them on)" : "off");
            out.flush();
            if (!skipKernel) {
                kernel(work);
            }
            if (!skipUser) {
                user(work);
            }
            out.printf(Locale.ROOT, "At end: %s.%n", Machine.busy());
            return 0;
        } finally {
            deleteTree(work);
        }
    }

    private void kernel(Path work) throws Exception {
        int rounds = this.rounds != null ? this.rounds : smoke ? 1 : 7;
        long calls = this.calls != null ? this.calls : smoke ? 20_000 : 2_000_000;
        KernelPlan plan = KernelPlan.make(agent, work, bpftraceAvailable(), smoke, java.util.Optional.ofNullable(baselineAgent),
                !noModuleRows, log);
        out.printf(Locale.ROOT, "## Kernel side: ns per syscall (%d interleaved rounds, %,d calls per loop; open = open+close pair, %,d of them)%n%n",
                rounds, calls, Math.max(1, calls / 4));
        if (Machine.bpfStatsOn()) {
            // measured on this machine: the floor's read dearer by 45 ns, and every ratio closer to 1
            String warning = "**BPF run-time statistics are on** (kernel.bpf_stats_enabled = 1, or a process holds"
                    + " them on): every BPF program, the floor's too, reads the clock twice a run, so the ns below are"
                    + " not the bare costs and the ratios are too small. Switch them off and run again.";
            out.printf(Locale.ROOT, "%s%n%n", warning);
            System.err.println("ebpfmon bench: " + warning.replace("**", ""));
        }
        KernelBench.Results results = new KernelBench(workload, calls).run(plan.setups(), rounds);
        out.print(KernelReport.render(results, "nothing", plan.comparisons()));
        out.println();
        out.print(plan.legend());
        out.println();
        out.flush();
    }

    private boolean bpftraceAvailable() {
        var problem = BpftraceRun.unavailable();
        problem.ifPresent(p -> out.println("bpftrace row skipped: " + p + "\n"));
        return problem.isEmpty();
    }

    private void user(Path work) throws Exception {
        List<Integer> populations = processes != null ? processes : smoke ? List.of(200) : List.of(1_000, 10_000, 30_000);
        List<String> names = configs != null ? configs : smoke ? List.of("all") : List.of("stock", "all");
        List<AgentConfig> agentConfigs = names.stream().map(BenchCommand::config).toList();
        java.util.OptionalInt warmupSeconds = warmup != null ? java.util.OptionalInt.of(warmup)
                : smoke ? java.util.OptionalInt.of(3) : java.util.OptionalInt.empty();
        UserRun.Plan plan = new UserRun.Plan(agent, work, warmupSeconds, warmupTicks,
                settle != null ? settle : smoke ? 0 : 600, window != null ? window : smoke ? 2 : 120, profile ? java.util.Optional.of(Files.createDirectories(profileDir)) : java.util.Optional.empty());
        out.printf(Locale.ROOT, "## User side: the agent under a swarm of live processes (%s,"
                + " up to %d s for the JVM's second young collection, then a window of %d s rounded down to whole ticks)%n%n",
                plan.describeWarmup(agentConfigs), plan.settleSeconds(), plan.windowSeconds());
        out.print(UserReport.HEADER);
        out.flush();
        List<UserRun.Result> results = new ArrayList<>();
        List<AgentProcess.Mode> agentModes = modes.stream().map(BenchCommand::mode).toList();
        String limits = new UserBench(plan, swarm, java.util.Optional.ofNullable(swarmPeriodMs)).run(populations, agentConfigs, agentModes, r -> {
            results.add(r);
            out.print(UserReport.row(r));
            out.flush();
        });
        out.println();
        out.print(UserReport.threads(results));
        out.print(UserReport.legend(agentConfigs, limits));
        for (UserRun.Result r : results) {
            r.profile().ifPresent(p -> out.printf(Locale.ROOT, "%n### Profile: %s, %s, %,d processes%n%n%s",
                    r.config().label(), r.mode().label, r.processes(), p.render()));
        }
        out.println();
        out.flush();
    }

    private static AgentConfig config(String name) {
        return switch (name) {
            case "stock" -> AgentConfig.stock();
            case "all" -> AgentConfig.everything();
            case "builtin" -> AgentConfig.builtin();
            default -> throw new CommandLine.ParameterException(new CommandLine(new BenchCommand()),
                    "unknown configuration '" + name + "' (stock, all, builtin)");
        };
    }

    private static AgentProcess.Mode mode(String name) {
        for (AgentProcess.Mode m : AgentProcess.Mode.values()) {
            if (m.label.equals(name)) {
                return m;
            }
        }
        throw new CommandLine.ParameterException(new CommandLine(new BenchCommand()),
                "unknown agent mode '" + name + "' (netdata, standalone)");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
