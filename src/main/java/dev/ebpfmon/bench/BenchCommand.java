package dev.ebpfmon.bench;

import dev.ebpfmon.config.ConfigDirs;
import dev.ebpfmon.config.ConfigLoader;
import dev.ebpfmon.config.EbpfConfig;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.AttachProbe;
import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.module.loader.AttachedProgram;
import dev.ebpfmon.module.loader.EmbeddedObjects;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.loader.ModuleLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `ebpfmon bench`: the kernel-side overhead of ebpfmon against nothing, the floor and bpftrace,
 * and the user-side cost of a collection tick; prints Markdown tables (BENCHMARKS.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ebpfmon's overhead (kernel and user side); prints Markdown tables.")
public final class BenchCommand implements Callable<Integer> {
    /** The modules this build implements (cli's catalog, which is not public). */
    static final List<Integer> PID_COUNTS = List.of(1_000, 10_000, 32_768);

    @Option(names = "--smoke", description = "a short run that checks the benchmark works, not its timings")
    boolean smoke;

    @Option(names = "--rounds", description = "interleaved rounds of the kernel-side benchmark (default: 7; smoke: 1)")
    Integer rounds;

    @Option(names = "--calls", description = "syscalls per loop (default: 2000000; smoke: 20000)")
    Long calls;

    @Option(names = "--workload", description = "the native workload (default: ${DEFAULT-VALUE})")
    Path workload = Path.of("target/native/ebpfmon-workload");

    @Option(names = "--agent", description = "launcher of the packaged agent, for start-up time and RSS (default: ${DEFAULT-VALUE})")
    Path agent = Path.of("bin/ebpfmon");

    @Option(names = "--skip-kernel", description = "only the user-side benchmark")
    boolean skipKernel;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(Path.of("/sys/kernel/btf")) || ProcessHandle.current().info().user().map(u -> !u.equals("root")).orElse(true)) {
            System.err.println("ebpfmon bench: needs root and a kernel with BTF");
            return 2;
        }
        int rounds = this.rounds != null ? this.rounds : smoke ? 1 : 7;
        long calls = this.calls != null ? this.calls : smoke ? 20_000 : 2_000_000;
        Map<AttachKind, AttachSupport> support = new AttachProbe(() -> EmbeddedObjects.bytes("feature_probe")).all();
        EbpfConfig config = ConfigLoader.load(new ConfigDirs(List.of(), List.of()), ModuleCatalog.configDefaults());
        out.printf(Locale.ROOT, "# ebpfmon bench%s%n%n%s%n", smoke ? " --smoke (timings not meaningful)" : "", Machine.describe());
        if (!skipKernel) {
            kernel(support, config, rounds, calls);
        }
        user(support, config);
        return 0;
    }

    private void kernel(Map<AttachKind, AttachSupport> support, EbpfConfig config, int rounds, long calls) throws Exception {
        List<ModuleLoader.Request> defaults = requests(config, null, 0);
        List<ModuleLoader.Request> all = requests(config, LoadMode.RETURN, 0);
        Setup.Agent defaultAgent = new Setup.Agent("ebpfmon-default", defaults, support);
        Setup.Agent allAgent = new Setup.Agent("ebpfmon-all", all, support);
        Setup.Floor entryFloor = new Setup.Floor("floor-entry", points(defaultAgent));
        Setup.Floor returnFloor = new Setup.Floor("floor-return", points(allAgent));
        List<Setup> setups = new ArrayList<>(List.of(new Setup.Bare(), entryFloor, defaultAgent, returnFloor, allAgent));
        List<KernelReport.Comparison> comparisons = new ArrayList<>(List.of(
                new KernelReport.Comparison(defaultAgent.label(), entryFloor.label(), 1.3),
                new KernelReport.Comparison(allAgent.label(), returnFloor.label(), 1.3)));
        var bpftraceProblem = BpftraceRun.unavailable();
        if (bpftraceProblem.isEmpty()) {
            Setup.Bpftrace bpftrace = new Setup.Bpftrace("bpftrace", BpftraceRun.SCRIPT);
            setups.add(bpftrace);
            comparisons.add(new KernelReport.Comparison(defaultAgent.label(), bpftrace.label(), 0.5));
        }
        String legend = String.format(Locale.ROOT, "Rows: nothing attached; floor-entry = empty programs on %s;"
                + " ebpfmon-default = the built-in configuration (entry mode: %s); floor-return = empty programs on %s;"
                + " ebpfmon-all = every implemented module in return mode (%s); bpftrace = the script below."
                + " Cells: median ns per call (+ added over nothing) ± half the min-max range in %% of the median."
                + " Ratios: added ns over added ns.%n", String.join(", ", entryFloor.points()), names(defaults),
                String.join(", ", returnFloor.points()), names(all));
        out.printf(Locale.ROOT, "## Kernel side: ns per syscall (%d interleaved rounds, %,d calls per loop; open = open+close pair, %,d of them)%n%n",
                rounds, calls, Math.max(1, calls / 4));
        KernelBench.Results results = new KernelBench(workload, calls).run(setups, rounds);
        out.print(KernelReport.render(results, "nothing", comparisons));
        out.println();
        out.print(legend);
        bpftraceProblem.ifPresent(p -> out.println("\nbpftrace row skipped: " + p));
        out.printf("%nbpftrace script: `%s`%n%n", BpftraceRun.SCRIPT);
        out.flush();
    }

    private void user(Map<AttachKind, AttachSupport> support, EbpfConfig config) throws Exception {
        UserBench bench = new UserBench(pids -> requests(config, null, pids),
                requests -> new ModuleLoader(support, EmbeddedObjects::bytes).load(requests));
        int warmup = smoke ? 2 : 30;
        int ticks = smoke ? 3 : 30;
        out.printf(Locale.ROOT, "## User side: one collection tick (default modules; %d ticks after %d warm-up; per-PID tables filled)%n%n",
                ticks, warmup);
        out.println("| PIDs per table | entries read | CPU µs/tick | wall µs/tick | kernel memory of maps | bench JVM RSS |");
        out.println("|---:|---:|---:|---:|---:|---:|");
        for (int pids : PID_COUNTS) {
            UserBench.Result r = bench.run(pids, warmup, ticks);
            out.printf(Locale.ROOT, "| %,d | %,d | %.0f ±%.0f%% | %.0f ±%.0f%% | %.1f MiB | %.0f MiB |%n", r.pids(), r.entriesRead(),
                    r.cpuMicros().median(), 50 * r.cpuMicros().relativeSpread(), r.wallMicros().median(),
                    50 * r.wallMicros().relativeSpread(), r.kernelMemoryBytes() / 1048576.0, r.rssBytes() / 1048576.0);
        }
        AgentStart.Result start = AgentStart.measure(agent, smoke ? 1 : 5);
        out.printf(Locale.ROOT, "%nPackaged agent (`%s netdata 1`, default modules): first complete sample %.2f s after start;"
                + " RSS %.0f MiB after %d s.%n", agent, start.firstSampleSeconds(), start.rssBytes() / 1048576.0, smoke ? 1 : 5);
        out.flush();
    }

    /**
     * @param mode null: each module as configured (enabled ones only); else every implemented module in this mode
     * @param pidTableSize 0: as configured
     */
    static List<ModuleLoader.Request> requests(EbpfConfig config, LoadMode mode, int pidTableSize) {
        List<ModuleLoader.Request> requests = new ArrayList<>();
        for (Module module : ModuleCatalog.implemented()) {
            ModuleSettings s = config.module(module.name());
            if (mode == null && !s.enabled()) {
                continue;
            }
            ModuleSettings settings = s.withEnabled(true).withLoadMode(mode == null ? s.loadMode() : mode)
                    .withPidTableSize(pidTableSize > 0 ? pidTableSize : s.pidTableSize());
            requests.add(new ModuleLoader.Request(module, ModuleContext.of(settings)));
        }
        return requests;
    }

    private static String names(List<ModuleLoader.Request> requests) {
        return String.join(", ", requests.stream().map(r -> r.module().name()).toList());
    }

    /** The probe points an agent setup attaches, learnt by loading it once. */
    private static Set<String> points(Setup.Agent agent) {
        try (LoadedModules loaded = agent.start()) {
            Set<String> points = new TreeSet<>();
            for (AttachedProgram p : loaded.attached()) {
                points.add(p.point());
            }
            return points;
        }
    }
}
