package dev.ebpfmon.module.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.loader.LoadedModules;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real BPF: a per-process table too small for the processes refuses records, and says how many. */
@Tag("kernel")
class PidTableWatchKernelTest {
    private static final int TABLE = 64;

    @Test
    void processesAFullTableRefusesAreCountedNotSilent(@TempDir Path dir) throws Exception {
        try (LoadedModules modules = KernelTests.load(List.of(KernelTests.request(ModuleCatalog.find("fd").orElseThrow(),
                KernelTests.settings("fd").withGroups(true, false).withPidTableSize(TABLE))));
                GroupCollector groups = GroupCollector.of(modules, AppsGroups.shipped(), false).orElseThrow()) {
            groups.collect(new Tick()); // changes are pushed to the ring from the first tick on
            Process churn = new ProcessBuilder(Path.of("target/native/ebpfmon-workload").toAbsolutePath().toString(),
                    dir.toString(), "churn:1000").inheritIO().start();
            assertThat(churn.waitFor(120, TimeUnit.SECONDS)).isTrue();
            Tick tick = new Tick();
            groups.collect(tick);
            Sample records = tick.samples().stream()
                    .filter(s -> s.chart().fullId().equals("netdata.ebpf_pid_records")).findFirst().orElseThrow();
            long held = records.values()[0];
            long created = records.values()[1];
            long refused = records.values()[3];
            assertThat(held).isLessThanOrEqualTo(TABLE);
            assertThat(created).as("no more records than slots, none released yet").isEqualTo(held);
            assertThat(refused).as("the processes the table had no slot for").isGreaterThanOrEqualTo(1000 - TABLE);
            // the ring holds two changes per slot, the most a record can push between two drains
            assertThat(records.values()[4]).as("changes the ring had no room for").isZero();
            assertThat(records.values()[5]).as("records read: those that changed, no more than the table holds")
                    .isBetween(1L, (long) TABLE);
        }
    }
}
