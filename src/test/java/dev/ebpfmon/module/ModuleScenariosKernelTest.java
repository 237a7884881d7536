package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.group.GroupCollector;
import dev.ebpfmon.module.loader.LoadedModules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real BPF, every module's scenario: the module loaded alone (counting per process), its workload
 * run as a process of its own, stopped until its counters are read, so that everything its
 * process adds is the workload's; the deltas must be exactly the scenario's, and the host
 * counters must have grown by at least as much, read as the agent reads them (for the syscall
 * modules, which count a call in the record or the host slot, the slot plus what the group
 * collector read of the records). Run in both load modes, and under
 * {@code -Debpfmon.test.tracing=trampoline|probe|tracepoint} by the kernel matrix. A module that
 * cannot run on this kernel fails, unless its scenario ({@link Scenario#cannotRunHere}) or
 * tools/kernels/expected.tsv ({@link ExpectedCells}) expects it of this run: then the case passes
 * as "cannot run" with the module's reason, which the matrix reports.
 */
@Tag("kernel")
class ModuleScenariosKernelTest {

    static Stream<Arguments> scenarios() {
        List<Arguments> cases = new ArrayList<>();
        for (Module module : ModuleCatalog.implemented()) {
            Optional<Scenario> scenario = scenarioOf(module);
            for (LoadMode mode : LoadMode.values()) {
                scenario.ifPresent(s -> cases.add(Arguments.of(module.name(), mode, KernelTests.tracing(), module, s)));
            }
        }
        return cases.stream();
    }

    /** {@code dev.ebpfmon.module.fd.FdScenario} for the fd module, found as the module is. */
    static Optional<Scenario> scenarioOf(Module module) {
        String moduleClass = module.getClass().getName();
        String name = moduleClass.substring(0, moduleClass.length() - "Module".length()) + "Scenario";
        try {
            return Optional.of((Scenario) Class.forName(name).getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + name, e);
        }
    }

    @Test
    void everyModuleHasAScenario() {
        assertThat(ModuleCatalog.implemented()).isNotEmpty()
                .allSatisfy(m -> assertThat(scenarioOf(m)).as(m.name() + " has no " + m.getClass().getSimpleName()
                        .replace("Module", "Scenario") + " in its test package").isPresent());
    }

    @ParameterizedTest(name = "[module={0}, mode={1}, tracing={2}]")
    @MethodSource("scenarios")
    void theWorkloadIsCountedExactly(String name, LoadMode mode, Object tracing, Module module, Scenario scenario,
            TestReporter report, @TempDir Path dir) throws Exception {
        ModuleSettings settings = scenario.settings(KernelTests.settings(name).withLoadMode(mode).withGroups(true, false));
        try (AutoCloseable prepared = scenario.prepare(dir);
                LoadedModules modules = KernelTests.load(List.of(KernelTests.request(module, settings)))) {
            ModuleStatus status = modules.statuses().getFirst();
            report.publishEntry("module", name);
            report.publishEntry("mode", mode.configWord());
            report.publishEntry("attach", status.runs() ? status.how() : "cannot run: " + status.reason());
            Optional<String> cannotRun = scenario.cannotRunHere(settings);
            if (!status.runs()) {
                // expected, and checked: the scenario or tools/kernels/expected.tsv names the kernel's
                // reason, which the module's own must contain; the matrix records "cannot run" with it
                Optional<String> expectedBecause = cannotRun.filter(status.reason()::contains);
                if (expectedBecause.isEmpty()) {
                    expectedBecause = ExpectedCells.explain(name, settings.coreTracing().configWord(), status.reason());
                }
                assertThat(expectedBecause).as(name + " cannot run here (run " + ExpectedCells.run() + "), and neither its"
                        + " scenario nor tools/kernels/expected.tsv expects it: " + status.reason()).isPresent();
                report.publishEntry("result", "cannot run");
                report.publishEntry("reason", status.reason());
                return;
            }
            assertThat(cannotRun).as(name + " should not run here but runs: " + status.how()).isEmpty();

            Optional<GroupCollector> records = recordsOfHost(modules, module);
            Optional<HostCounters> host = hostCounters(modules, name, records.isPresent());
            long[] hostBefore = host.map(h -> read(h, records)).orElse(null);
            boolean perProcess = module.pidCounters() > 0;
            long[] expected = scenario.expected(mode);
            try (Workload workload = Workload.startStopped(dir, scenario.ops().toArray(String[]::new))) {
                int pid = workload.pid();
                long[] before = perProcess ? counters(modules, name, pid) : null;
                int exit = workload.resumeAndWait();
                assertThat(exit).as("workload exit status; it said: " + workload.output()).isZero();
                long[] delta = perProcess ? awaitDelta(modules, name, pid, before, expected) : null;
                long[] hostDelta = host.map(h -> minus(read(h, records), hostBefore)).orElse(null);
                host.ifPresent(HostCounters::close);
                records.ifPresent(GroupCollector::close);
                if (expected != null) {
                    assertThat(delta).as(name + " per-process counters of the workload (" + mode + ")")
                            .containsExactly(expected);
                    if (hostDelta != null) {
                        for (int i = 0; i < expected.length; i++) {
                            assertThat(hostDelta[i]).as(name + " host counter " + i + " grew at least by the workload's")
                                    .isGreaterThanOrEqualTo(expected[i]);
                        }
                    }
                }
                ScenarioRun run = new ScenarioRun(modules, mode, pid, delta, hostDelta, dir);
                scenario.check(run);
                report.publishEntry("result", scenario.result(run));
            }
        }
    }

    /** The group collector, when the module's host counts include the records' (the syscall modules). */
    private static Optional<GroupCollector> recordsOfHost(LoadedModules modules, Module module) {
        boolean skips = module instanceof CounterModule c && c.hostSlotSkipsRecords() && module.pidCounters() > 0;
        return skips ? GroupCollector.of(modules, AppsGroups.shipped(), false) : Optional.empty();
    }

    private static Optional<HostCounters> hostCounters(LoadedModules modules, String module, boolean plusRecords) {
        BpfMap map = modules.maps().get(CounterModule.hostMap(module));
        if (map == null) {
            return Optional.empty();
        }
        HostCounters host = new HostCounters(map, map.valueSize() / Long.BYTES);
        if (plusRecords) {
            host.plusRecords(modules.objects().records(), modules.layout().slices().get(module).offset());
        }
        return Optional.of(host);
    }

    /**
     * The host counts as a tick of the agent reads them: the records first (twice: an exited
     * process's record is read once more a tick after its exit mark), then the host counters.
     */
    private static long[] read(HostCounters host, Optional<GroupCollector> records) {
        records.ifPresent(r -> {
            r.collect(new Tick());
            r.collect(new Tick());
        });
        long[] values = new long[host.size()];
        host.read(values);
        return values;
    }

    private static long[] counters(LoadedModules modules, String module, int pid) {
        int size = modules.layout().slices().get(module).counters();
        return ProcessRecord.read(modules, pid).map(r -> r.counters(modules, module)).orElse(new long[size]);
    }

    /**
     * Some counts land after the process is reaped (its release, after an RCU grace period): the
     * delta is read until it is what is expected, or a few seconds passed.
     */
    private static long[] awaitDelta(LoadedModules modules, String module, int pid, long[] before, long[] expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long[] delta;
        do {
            delta = minus(counters(modules, module, pid), before);
            if (expected == null || Arrays.equals(delta, expected)) {
                return delta;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        return delta;
    }

    private static long[] minus(long[] after, long[] before) {
        long[] d = new long[after.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }
}
