package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.PidLayout;
import dev.ebpfmon.module.loader.PidTables;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One process's record in the per-process table, read the way a test wants it (the agent reads
 * records in bulk, see GroupCollector): its header and a module's counters.
 */
public record ProcessRecord(long cgroupId, int ppid, boolean exited, String comm, MemorySegment value) {
    /** The record of {@code tgid}, if the table holds it. */
    public static Optional<ProcessRecord> read(LoadedModules modules, int tgid) {
        PidTables tables = modules.pidTables().orElseThrow(() -> new IllegalStateException("nothing counts per process"));
        Arena arena = Arena.ofAuto();
        MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
        MemorySegment slot = arena.allocate(ValueLayout.JAVA_INT);
        MemorySegment value = arena.allocate(tables.records().valueBufferSize(), Long.BYTES);
        key.set(ValueLayout.JAVA_INT, 0, tgid);
        try {
            if (!tables.slots().lookup(key, slot) || !tables.records().lookup(slot, value)) {
                return Optional.empty();
            }
        } catch (BpfException e) {
            throw new IllegalStateException(e);
        }
        byte[] comm = value.asSlice(16, 16).toArray(ValueLayout.JAVA_BYTE);
        int length = 0;
        while (length < comm.length && comm[length] != 0) {
            length++;
        }
        return Optional.of(new ProcessRecord(value.get(ValueLayout.JAVA_LONG, 0), value.get(ValueLayout.JAVA_INT, 8),
                (value.get(ValueLayout.JAVA_INT, 12) & 1) != 0, new String(comm, 0, length, StandardCharsets.UTF_8),
                value));
    }

    /** The counters of a module, as laid out in this load. */
    public long[] counters(LoadedModules modules, String module) {
        PidLayout.Slice slice = modules.layout().slices().get(module);
        if (slice == null) {
            throw new IllegalStateException(module + " does not count per process in this load");
        }
        long[] counters = new long[slice.counters()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = value.get(ValueLayout.JAVA_LONG, slice.offset() + (long) i * Long.BYTES);
        }
        return counters;
    }
}
