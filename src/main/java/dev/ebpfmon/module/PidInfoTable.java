package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.MapReader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user side of pid_info: read once per tick in batches; entries of processes that exited are
 * deleted once their counters have been accounted (see {@link #forget}).
 */
public final class PidInfoTable implements AutoCloseable {
    private static final int VALUE_SIZE = 32;
    private static final int COMM_OFFSET = 16;
    private static final int EXITED = 1;

    private final MapReader reader;
    private final MemorySegment key;
    private final Map<Integer, PidInfo> byTgid = new HashMap<>();

    public PidInfoTable(BpfMap map) {
        if (map.keySize() != Integer.BYTES || map.valueSize() != VALUE_SIZE) {
            throw new IllegalArgumentException("map " + map.name() + " is not tgid -> struct pid_info");
        }
        this.reader = new MapReader(map, 4096);
        this.key = Arena.ofAuto().allocate(ValueLayout.JAVA_INT);
    }

    /** Reads the whole table; returns the number of entries. */
    public int refresh() {
        byTgid.clear();
        try {
            return reader.forEach((keys, keyOffset, values, valueOffset) -> {
                int tgid = keys.get(ValueLayout.JAVA_INT, keyOffset);
                byTgid.put(tgid, new PidInfo(tgid, values.get(ValueLayout.JAVA_INT, valueOffset + 8),
                        comm(values, valueOffset + COMM_OFFSET), values.get(ValueLayout.JAVA_LONG, valueOffset),
                        (values.get(ValueLayout.JAVA_INT, valueOffset + 12) & EXITED) != 0));
            });
        } catch (BpfException e) {
            throw new IllegalStateException("reading pid_info: " + e.getMessage(), e);
        }
    }

    public Optional<PidInfo> get(int tgid) {
        return Optional.ofNullable(byTgid.get(tgid));
    }

    public Map<Integer, PidInfo> all() {
        return byTgid;
    }

    /** Deletes the entries of processes whose last counts have been taken. */
    public void forget(List<Integer> tgids) {
        for (int tgid : tgids) {
            key.set(ValueLayout.JAVA_INT, 0, tgid);
            try {
                reader.map().delete(key);
            } catch (BpfException e) {
                throw new IllegalStateException("deleting pid_info " + tgid + ": " + e.getMessage(), e);
            }
            byTgid.remove(tgid);
        }
    }

    private static String comm(MemorySegment values, long offset) {
        int length = 0;
        while (length < 16 && values.get(ValueLayout.JAVA_BYTE, offset + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        MemorySegment.copy(values, ValueLayout.JAVA_BYTE, offset, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        reader.close();
    }
}
