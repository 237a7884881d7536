package dev.ebpfmon.module.swap;

import static dev.ebpfmon.module.swap.SwapCounter.READ_CALL;
import static dev.ebpfmon.module.swap.SwapCounter.READ_PAGES;
import static dev.ebpfmon.module.swap.SwapCounter.WRITE_CALL;
import static dev.ebpfmon.module.swap.SwapCounter.WRITE_PAGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.Scenario;
import dev.ebpfmon.module.ScenarioRun;
import dev.ebpfmon.module.loader.LoadedModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A process in a memory cgroup of the test's own, limited to {@value #LIMIT_MIB} MiB, touches
 * {@value #TOUCHED_MIB} MiB and reads it back, on a zram swap device the test sets up: every
 * swap-out and swap-in is the process's own (memory cgroup reclaim runs in the task that charges),
 * so its counts equal the growth of /proc/vmstat's pswpout and pswpin over the run, and the
 * module's drift chart shows zero. Trampolines or kprobes only: where the kernel has neither, the
 * module must say so (and nothing is set up).
 */
public final class SwapScenario implements Scenario {
    static final int LIMIT_MIB = 16;
    static final int TOUCHED_MIB = 48;
    private long[] vmstatBefore;

    @Override
    public List<String> ops() {
        return List.of("swap-push:" + TOUCHED_MIB);
    }

    /** How much is swapped depends on reclaim: {@link #check} holds it to the kernel's own count. */
    @Override
    public long[] expected(LoadMode mode) {
        return null;
    }

    @Override
    public Optional<String> cannotRunHere(ModuleSettings settings) {
        return KernelTests.noKernelFunctions(settings.coreTracing());
    }

    @Override
    public AutoCloseable prepare(Path dir) throws Exception {
        if (cannotRunHere(KernelTests.settings("swap")).isPresent()) {
            return () -> { };
        }
        SwapDevice device = SwapDevice.zram(256);
        try {
            Path cgroup = MemoryCgroup.create(LIMIT_MIB);
            Files.writeString(dir.resolve("cgroup"), cgroup + "\n");
            vmstatBefore = vmstat();
            return () -> {
                try {
                    KernelTests.removeCgroup(cgroup);
                } finally {
                    device.close();
                }
            };
        } catch (Exception | Error e) {
            device.close();
            throw e;
        }
    }

    @Override
    public void check(ScenarioRun run) throws Exception {
        long[] after = vmstat();
        long swappedIn = after[0] - vmstatBefore[0];
        long swappedOut = after[1] - vmstatBefore[1];
        long[] d = run.perProcess();
        assertThat(swappedOut).as("pswpout grew: the cgroup's limit pushed pages to swap")
                .isGreaterThanOrEqualTo((TOUCHED_MIB - LIMIT_MIB) * 256L);
        assertThat(d[WRITE_PAGES.id()]).as("pages the process swapped out = pswpout's growth").isEqualTo(swappedOut);
        assertThat(d[READ_PAGES.id()]).as("pages the process swapped in = pswpin's growth").isEqualTo(swappedIn);
        assertThat(d[WRITE_CALL.id()]).as("small pages only: one call a page").isEqualTo(swappedOut);
        assertThat(d[READ_CALL.id()]).as("small pages only: one call a page").isEqualTo(swappedIn);

        // the collector started with the module, before the workload: its first interval covers it
        LoadedModules.Running module = run.modules().running().getFirst();
        Tick tick = new Tick();
        module.collector().collect(tick);
        assertThat(sample(tick, "system.swapcalls_drift")).as("drift against /proc/vmstat").containsExactly(0, 0);
        assertThat(sample(tick, "system.swapcalls")).as("running totals of the calls")
                .containsExactly(run.host()[READ_CALL.id()], run.host()[WRITE_CALL.id()]);
    }

    private static long[] sample(Tick tick, String chart) {
        return tick.samples().stream().filter(s -> s.chart().fullId().equals(chart)).map(Sample::values)
                .findFirst().orElseThrow(() -> new AssertionError("no sample of " + chart));
    }

    /** pswpin and pswpout of /proc/vmstat. */
    static long[] vmstat() throws Exception {
        long[] values = new long[2];
        for (String line : Files.readAllLines(Path.of("/proc/vmstat"))) {
            String[] f = line.split(" ");
            if (f[0].equals("pswpin")) {
                values[0] = Long.parseLong(f[1]);
            } else if (f[0].equals("pswpout")) {
                values[1] = Long.parseLong(f[1]);
            }
        }
        return values;
    }
}
