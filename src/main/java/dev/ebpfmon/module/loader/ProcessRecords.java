package dev.ebpfmon.module.loader;

import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import java.util.List;
import java.util.Map;

/**
 * The per-process records' upkeep (core/tasks.bpf.c): the header follows exec, and a process's last
 * exit marks its record for the agent to read one last time. Loaded with every module that
 * counts per process; the loader attaches it once however many ask.
 */
final class ProcessRecords {
    static final String OBJECT = "tasks";
    /** The record table, in every object that counts per process. */
    static final String MAP = "pid_records";
    /** Records created since load (per-CPU), shared as the table is. */
    static final String CREATED = "pid_records_created";
    /** The agent's tick, which a record's first change in a tick compares with. */
    static final String TICK_GENERATION = "pid_tick_generation";
    /** The ring of tgids whose records changed. */
    static final String CHANGED = "pid_changed";
    /** Changes the ring had no room for (per-CPU). */
    static final String CHANGES_LOST = "pid_changes_lost";
    /** Bytes of the ring per tgid: an 8-byte record header and 4 bytes of tgid, rounded up to 8. */
    private static final int RING_BYTES_PER_TGID = 16;
    /** The smallest ring the kernel makes: one page. */
    static final int MIN_RING_BYTES = 4096;

    private ProcessRecords() {}

    /**
     * Room for every record of the table to change once in a tick, and half as much again for the
     * tick after a slow one: a power of two, as the kernel wants.
     */
    static int ringBytes(int tableSize) {
        long wanted = (long) tableSize * RING_BYTES_PER_TGID * 3 / 2;
        long bytes = MIN_RING_BYTES;
        while (bytes < wanted && bytes < (1 << 30)) {
            bytes <<= 1;
        }
        return (int) bytes;
    }

    static ObjectUse use(PidLayout layout) {
        return new ObjectUse(OBJECT, List.of(
                ProbePoint.tracepoint("sched_process_exec", "exec_btf", "exec_raw"),
                ProbePoint.tracepoint("sched_process_exit", "exit_btf", "exit_raw")),
                Map.of(), Map.of(MAP, new MapSpec(layout.tableSize(), layout.recordSize())));
    }
}
