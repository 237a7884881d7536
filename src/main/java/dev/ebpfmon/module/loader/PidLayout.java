package dev.ebpfmon.module.loader;

import dev.ebpfmon.module.Module;
import dev.ebpfmon.module.ModuleContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each module's counters sit in the per-process record (src/main/bpf/include/pid_record.h):
 * after the 48-byte header, one slice of u64 per module that counts per process in this load, in
 * load order. Only the modules that count per process take room, so a process costs the kernel
 * what the enabled modules need and no more.
 *
 * @param slices     module name to its slice
 * @param recordSize bytes per record (0 when no module counts per process)
 * @param tableSize  records the table holds: the largest `pid table size` of those modules
 */
public record PidLayout(Map<String, Slice> slices, int recordSize, int tableSize) {
    /** Bytes of the record's header: cgroup id, parent, flags, name, tgid, generation, slot. */
    public static final int HEADER_SIZE = 48;
    /** The most the BPF side allows (PID_RECORD_MAX). */
    public static final int MAX_RECORD_SIZE = 1024;

    /** One module's counters: at {@code offset} bytes, {@code counters} u64 in a row. */
    public record Slice(int offset, int counters) {}

    public PidLayout {
        slices = Collections.unmodifiableMap(new LinkedHashMap<>(slices));
    }

    static PidLayout of(List<ModuleLoader.Request> requests) {
        Map<String, Slice> slices = new LinkedHashMap<>();
        int offset = HEADER_SIZE;
        int table = 0;
        for (ModuleLoader.Request r : requests) {
            Module module = r.module();
            ModuleContext context = r.context();
            if (module.pidCounters() == 0 || !context.settings().perProcess()) {
                continue;
            }
            slices.put(module.name(), new Slice(offset, module.pidCounters()));
            offset += module.pidCounters() * Long.BYTES;
            table = Math.max(table, context.settings().pidTableSize());
        }
        if (offset > MAX_RECORD_SIZE) {
            throw new IllegalStateException("the per-process record would take " + offset + " bytes, more than "
                    + MAX_RECORD_SIZE + " (PID_RECORD_MAX in pid_record.h)");
        }
        return new PidLayout(slices, slices.isEmpty() ? 0 : offset, table);
    }

    public boolean isEmpty() {
        return slices.isEmpty();
    }

    /** The module's offset, or 0 when it does not count per process. */
    public int offsetOf(String module) {
        Slice s = slices.get(module);
        return s == null ? 0 : s.offset();
    }
}
