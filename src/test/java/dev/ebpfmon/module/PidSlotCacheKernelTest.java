package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.module.fd.FdCounter;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.PidTables;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BPF, the cache in front of the tgid -> slot hash (pid_slot_cache in
 * include/pid_record.bpf.h): an entry left behind by a record the agent released must not send the
 * process's later counts to that slot, which is free or another process's by then.
 */
@Tag("kernel")
class PidSlotCacheKernelTest {
    @Test
    void aProcessWhoseRecordWasReleasedCountsInANewRecordAndNotInItsOldSlot(@TempDir Path dir) throws Exception {
        try (LoadedModules modules = KernelTests.load(List.of(KernelTests.request(ModuleCatalog.find("fd").orElseThrow(),
                KernelTests.settings("fd").withGroups(true, false))));
                Workload first = Workload.startStopped(dir, "open:3")) { // ld.so's opens gave it a record
            PidTables tables = modules.pidTables().orElseThrow();
            int firstPid = first.pid();
            int slot = slotOf(tables, firstPid);
            assertThat(slot).as("the stopped workload's slot").isNotNegative();
            release(tables, firstPid, slot);
            assertThat(ProcessRecord.read(modules, firstPid)).as("released").isEmpty();

            try (Workload second = Workload.startStopped(dir, "open:5")) { // most likely in the slot given back
                long[] secondBefore = ProcessRecord.read(modules, second.pid()).orElseThrow().counters(modules, "fd");
                assertThat(first.resumeAndWait()).isZero();

                long[] firstCounts = ProcessRecord.read(modules, firstPid).orElseThrow().counters(modules, "fd");
                assertThat(firstCounts[FdCounter.OPEN_CALL.id()]).as("opens in its new record").isEqualTo(3);
                assertThat(firstCounts[FdCounter.CLOSE_CALL.id()]).as("closes in its new record").isEqualTo(3);
                assertThat(ProcessRecord.read(modules, second.pid()).orElseThrow().counters(modules, "fd"))
                        .as("the stopped second workload's counts (slot %d, the released one: %d)",
                                slotOf(tables, second.pid()), slot)
                        .containsExactly(secondBefore);
            }
        }
    }

    /** The slot of {@code tgid}'s record, -1 if it has none. */
    private static int slotOf(PidTables tables, int tgid) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment slot = arena.allocate(ValueLayout.JAVA_INT);
            key.set(ValueLayout.JAVA_INT, 0, tgid);
            return tables.slots().lookup(key, slot) ? slot.get(ValueLayout.JAVA_INT, 0) : -1;
        }
    }

    /** What the agent does once it has read a gone process's record: tgid unmapped, slot zeroed and given back. */
    private static void release(PidTables tables, int tgid, int slot) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment slotKey = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment zeros = arena.allocate(tables.records().valueBufferSize(), Long.BYTES);
            key.set(ValueLayout.JAVA_INT, 0, tgid);
            slotKey.set(ValueLayout.JAVA_INT, 0, slot);
            assertThat(tables.slots().delete(key)).isTrue();
            tables.records().update(slotKey, zeros, 0);
            tables.freeSlots().push(slotKey);
        }
    }
}
