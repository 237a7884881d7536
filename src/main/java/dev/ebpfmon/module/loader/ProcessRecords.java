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

    private ProcessRecords() {}

    static ObjectUse use(PidLayout layout) {
        return new ObjectUse(OBJECT, List.of(
                ProbePoint.tracepoint("sched_process_exec", "exec_btf", "exec_raw"),
                ProbePoint.tracepoint("sched_process_exit", "exit_btf", "exit_raw")),
                Map.of(), Map.of(MAP, new MapSpec(layout.tableSize(), layout.recordSize())));
    }
}
