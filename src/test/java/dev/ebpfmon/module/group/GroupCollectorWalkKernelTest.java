package dev.ebpfmon.module.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.apps.AppsGroups;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.ProcessRecord;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.PidTables;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real BPF, the walks of the whole table (every {@value GroupCollector#FULL_WALK_TICKS}th tick),
 * which read of a record not written since its last read only its header: a process gone without
 * the kernel's exit mark is found by them, and a process due to be read again (exited) is still
 * read again on a walk's tick.
 */
@Tag("kernel")
class GroupCollectorWalkKernelTest {
    /** Bytes into a record of its flags (struct pid_header). */
    private static final long FLAGS = 12;

    @Test
    void aProcessGoneWithoutTheExitMarkIsReleasedAfterTwoStillWalks() throws Exception {
        try (LoadedModules modules = KernelTests.load(List.of(KernelTests.request(ModuleCatalog.find("fd").orElseThrow(),
                KernelTests.settings("fd").withGroups(true, false))));
                GroupCollector groups = GroupCollector.of(modules, AppsGroups.shipped(), false).orElseThrow()) {
            Process sleeper = new ProcessBuilder("sleep", "600").start(); // ld.so's opens give it a record
            Thread.sleep(300);
            int tgid = (int) sleeper.pid();
            int ticks = 0;
            for (; ticks < 3; ticks++) {
                groups.collect(new Tick());
            }
            assertThat(ProcessRecord.read(modules, tgid)).as("the sleeper's record").isPresent();

            sleeper.destroyForcibly();
            assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // its release lands an RCU grace period after the reaping
            clearExitMark(modules.pidTables().orElseThrow(), tgid);
            assertThat(ProcessRecord.read(modules, tgid).orElseThrow().exited()).isFalse();

            // walks at ticks 30 and 60: the first sees it read since the walk before, the second idle
            for (; ticks < 2 * GroupCollector.FULL_WALK_TICKS - 1; ticks++) {
                groups.collect(new Tick());
            }
            assertThat(ProcessRecord.read(modules, tgid)).as("kept until the second still walk").isPresent();
            groups.collect(new Tick());
            assertThat(ProcessRecord.read(modules, tgid)).as("released at tick 60").isEmpty();
        }
    }

    @Test
    void aProcessThatExitedJustBeforeAWalkIsReadOnceMoreOnTheWalkAndReleased() throws Exception {
        try (LoadedModules modules = KernelTests.load(List.of(KernelTests.request(ModuleCatalog.find("fd").orElseThrow(),
                KernelTests.settings("fd").withGroups(true, false))));
                GroupCollector groups = GroupCollector.of(modules, AppsGroups.shipped(), false).orElseThrow()) {
            for (int ticks = 0; ticks < GroupCollector.FULL_WALK_TICKS - 2; ticks++) {
                groups.collect(new Tick());
            }
            Process quick = new ProcessBuilder("true").start(); // ld.so's opens give it a record
            assertThat(quick.waitFor(10, TimeUnit.SECONDS)).isTrue();
            int tgid = (int) quick.pid();
            Thread.sleep(300);
            groups.collect(new Tick()); // tick 29: its record, marked exited, read for the first time
            assertThat(ProcessRecord.read(modules, tgid)).as("read once more next tick").isPresent();
            groups.collect(new Tick()); // tick 30, a walk: read once more, then released
            assertThat(ProcessRecord.read(modules, tgid)).as("released on the walk's tick").isEmpty();
        }
    }

    private static void clearExitMark(PidTables tables, int tgid) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment slot = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment value = arena.allocate(tables.records().valueBufferSize(), Long.BYTES);
            key.set(ValueLayout.JAVA_INT, 0, tgid);
            assertThat(tables.slots().lookup(key, slot) && tables.records().lookup(slot, value)).isTrue();
            value.set(ValueLayout.JAVA_INT, FLAGS, 0);
            tables.records().update(slot, value, BpfMap.BPF_ANY);
        }
    }
}
