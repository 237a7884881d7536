package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * Reads one process's counters from a module's per-PID table (tgid -> {@code u64[counters]}, the
 * ids of the module's {@link HostCounters}); the agent itself walks whole tables with
 * {@link PidCounterScan}.
 */
final class PidCounters {
    private final BpfMap map;
    private final int counters;
    private final MemorySegment key;
    private final MemorySegment value;

    PidCounters(BpfMap map, int counters) {
        if (map.keySize() != Integer.BYTES || map.valueSize() != counters * Long.BYTES) {
            throw new IllegalArgumentException("map " + map.name() + " is not tgid -> u64[" + counters + "]");
        }
        this.map = map;
        this.counters = counters;
        Arena arena = Arena.ofAuto();
        this.key = arena.allocate(ValueLayout.JAVA_INT);
        this.value = arena.allocate((long) counters * Long.BYTES, Long.BYTES);
    }

    BpfMap map() {
        return map;
    }

    int size() {
        return counters;
    }

    /** The counters of one process, if the table holds it. */
    Optional<long[]> read(int tgid) {
        key.set(ValueLayout.JAVA_INT, 0, tgid);
        try {
            if (!map.lookup(key, value)) {
                return Optional.empty();
            }
        } catch (BpfException e) {
            throw new IllegalStateException("reading " + map.name() + ": " + e.getMessage(), e);
        }
        return Optional.of(value.toArray(ValueLayout.JAVA_LONG));
    }
}
