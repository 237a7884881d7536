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
 * Real BPF: a process gone without the kernel's exit mark on its record (a record made again by a
 * late event looks like that) is found by the walks of the whole table: its record stands still
 * from one walk to the next and /proc does not know it; then its slot is released. A walk reads of
 * an unchanged record only its header, so this is the path that decides it.
 */
@Tag("kernel")
class GroupCollectorIdleKernelTest {
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
