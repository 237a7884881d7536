package dev.ebpfmon.module.loader;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.GracePeriod;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;

/**
 * The per-process records' upkeep (core/tasks.bpf.c): the header follows exec, and a process's last
 * exit marks its record for the agent to read one last time. Loaded with every module that
 * counts per process; the loader attaches it once however many ask.
 */
final class ProcessRecords {
    static final String OBJECT = "tasks";
    /** The records (an array mapped by the agent), in every object that counts per process. */
    static final String MAP = "pid_records";
    /** tgid -> slot of its record. */
    static final String SLOTS = "pid_slots";
    /** Slots free to take: filled by the agent before anything is attached. */
    static final String FREE_SLOTS = "pid_free_slots";
    /** Records created, processes refused a record, changes lost, slots taken (per-CPU). */
    static final String EVENTS = "pid_table_events";
    /** The agent's tick, which a record's first change in a tick compares with. */
    static final String TICK_GENERATION = "pid_tick_generation";
    /** The ring of the slots whose records changed. */
    static final String CHANGED = "pid_changed";
    /**
     * tgid % its size -> {tgid, slot} last found, in front of {@link #SLOTS}: kernel side only, a hint
     * checked against the record's own tgid, so the agent never writes it (a released slot is zeroed).
     */
    static final String SLOT_CACHE = "pid_slot_cache";
    /**
     * 1 when the agent waits for a grace period after starting each tick ({@link #plainAdds()}): then the
     * kernel side counts a process with one thread in its record with plain adds (pid_record.bpf.h).
     */
    static final String PLAIN_ADDS = "pid_plain_adds";
    /** The maps of the per-process records the agent reads or fills, in {@link PidTables}' order. */
    static final List<String> SHARED = List.of(MAP, SLOTS, FREE_SLOTS, EVENTS, TICK_GENERATION, CHANGED);
    /** Bytes of the ring per slot: an 8-byte record header and 4 bytes of slot, rounded up to 8. */
    private static final int RING_BYTES_PER_SLOT = 16;
    /** The smallest ring the kernel makes: one page. */
    static final int MIN_RING_BYTES = 4096;

    private ProcessRecords() {}

    /**
     * Room for (all but one of) every record of the table changing twice between two drains: once
     * before the tick starts and once after. Only a slot released and taken again within a tick can
     * push more; what finds no room is counted (changes late) and read at the next walk of the whole
     * table. A power of two, as the kernel wants.
     */
    static int ringBytes(int tableSize) {
        long wanted = (long) tableSize * RING_BYTES_PER_SLOT * 2;
        long bytes = MIN_RING_BYTES;
        while (bytes < wanted && bytes < (1 << 30)) {
            bytes <<= 1;
        }
        return (int) bytes;
    }

    /**
     * Whether records may take plain adds: the agent can wait, after each tick's start, until every
     * event that saw the old tick has ended (include/pid_record.bpf.h, pid_plain_adds).
     */
    static boolean plainAdds() {
        return GracePeriod.unavailable().isEmpty();
    }

    /** How records are counted on this machine, and why, for the log. */
    static String howCounted() {
        return GracePeriod.unavailable()
                .map(why -> "per-process counts take locked adds only: " + why)
                .orElse("per-process counts of a process with one thread take plain adds where the kernel has"
                        + " bpf_get_current_task_btf (5.11 on); each tick waits for an RCU grace period, off-CPU,"
                        + " before it reads them");
    }

    static ObjectUse use(PidLayout layout) {
        return new ObjectUse(OBJECT, List.of(
                ProbePoint.tracepoint("sched_process_exec", "exec_btf", "exec_raw"),
                ProbePoint.tracepoint("sched_process_exit", "exit_btf", "exit_raw")),
                Map.of(), specs(layout));
    }

    /** How big each shared map is made for this layout. */
    static Map<String, MapSpec> specs(PidLayout layout) {
        int table = layout.tableSize();
        return Map.of(MAP, new MapSpec(table, layout.recordSize()), SLOTS, MapSpec.entries(table),
                FREE_SLOTS, MapSpec.entries(table), EVENTS, MapSpec.compiled(), TICK_GENERATION, MapSpec.compiled(),
                CHANGED, MapSpec.entries(ringBytes(table)), SLOT_CACHE, MapSpec.compiled());
    }

    /**
     * Hands every slot of a new table out as free, before anything that takes slots is attached:
     * pushed from the last, so that slot 0 is the first taken and slots are first taken in order.
     */
    static void fillFreeSlots(BpfMap freeSlots, int tableSize) throws BpfException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = arena.allocate(ValueLayout.JAVA_INT);
            for (int i = tableSize - 1; i >= 0; i--) {
                slot.set(ValueLayout.JAVA_INT, 0, i);
                freeSlots.push(slot);
            }
        }
    }
}
