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

/**
 * Real BPF: a per-process table too small for the processes loses records, and a change ring too
 * small for them loses changes, and each says how many.
 */
@Tag("kernel")
class PidTableWatchKernelTest {
    private static final int TABLE = 64;

    @Test
    void evictionsFromAFullTableAndChangesFromAFullRingAreCountedNotSilent(@TempDir Path dir) throws Exception {
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
            long evicted = records.values()[3];
            assertThat(held).isLessThanOrEqualTo(TABLE);
            assertThat(created).as("a record per child at least").isGreaterThanOrEqualTo(1000);
            assertThat(evicted).as("what the table could not hold").isGreaterThanOrEqualTo(1000 - TABLE);
            long changesLost = records.values()[4];
            // the ring is sized for the table: its smallest, one page, holds 256 tgids of 16 bytes
            assertThat(changesLost).as("changes the ring had no room for").isGreaterThanOrEqualTo(1000 - 4096 / 16);
            assertThat(records.values()[5]).as("records read: what the ring held, and no more")
                    .isBetween(1L, 4096L / 16 + 16);
        }
    }
}
