package dev.ebpfmon.module.socket;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.MapReader;
import dev.ebpfmon.module.HostCounters;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The user side of the kernel's connection tables (socket_conn_v4, _v6, _udp): one walk per tick
 * gives every connection with what it moved since the last walk; connections the kernel marked
 * closed are read one last time and deleted, and UDP flows that moved nothing for
 * {@value #UDP_IDLE_TICKS} ticks are deleted (UDP has no close the kernel reports), so the tables
 * keep room for new connections. A walk visits every bucket of a table, empty or not, so a table
 * the last walk left empty, to which the kernel has added nothing since (socket_conn_made), is not
 * walked.
 */
final class ConnectionTable implements AutoCloseable {
    static final int UDP_IDLE_TICKS = 60;
    /** struct socket_conn (socket.h): five u64 counters, two times, tgid, direction, flags, comm. */
    static final int VALUE_SIZE = 80;
    private static final int FIRST_NS = 40;
    private static final int TGID = 56;
    private static final int DIRECTION = 60;
    private static final int FLAGS = 61;
    private static final int COMM = 64;
    private static final int INBOUND = 2;
    private static final int CLOSED = 1;
    /** Oldest first: the map's own order is its hash order, and the viewer's cap admits the first to come. */
    private static final Comparator<Connection> BY_AGE = Comparator.comparingLong((Connection c) -> c.firstNs)
            .thenComparing(c -> c.key.hashCode());

    private final List<MapReader> readers = new ArrayList<>();
    /** Records the kernel gave each table, in the order of the maps (socket.h, enum socket_conn_table). */
    private final HostCounters made;
    private final long[] madeNow;
    /** {@link #madeNow} when each table was last walked; -1: never walked. */
    private final long[] madeAtWalk;
    /** Entries each table kept after its last walk (those read minus those deleted). */
    private final long[] keptAtWalk;
    private final long[] walks;
    private final Map<ConnKey, Connection> byKey = new HashMap<>();
    private final List<Connection> live = new ArrayList<>();
    private final Arena arena = Arena.ofShared();
    private MemorySegment doomed;
    private int doomedCount;
    private long tick;

    /**
     * @param maps the IPv4, IPv6 and UDP tables, in that order
     * @param made socket_conn_made: records made in each table, in the same order; closed with this table
     */
    ConnectionTable(List<BpfMap> maps, HostCounters made) {
        if (made.size() != maps.size()) {
            throw new IllegalArgumentException(made.size() + " counts of records made for " + maps.size() + " tables");
        }
        this.made = made;
        this.madeNow = new long[maps.size()];
        this.madeAtWalk = new long[maps.size()];
        this.keptAtWalk = new long[maps.size()];
        this.walks = new long[maps.size()];
        Arrays.fill(madeAtWalk, -1);
        for (BpfMap map : maps) {
            if (map.keySize() != ConnKey.SIZE || map.valueSize() != VALUE_SIZE) {
                throw new IllegalArgumentException("map " + map.name() + " is not socket_conn_key -> socket_conn");
            }
            readers.add(new MapReader(map, 1024));
        }
        doomed = arena.allocate(ConnKey.SIZE * 256L, 8);
    }

    /** Reads every table: the connections present now, oldest first, each with {@link Connection#deltas} set. */
    List<Connection> read() {
        tick++;
        live.clear();
        made.read(madeNow); // before the walks: a record made during one is walked next tick
        for (int t = 0; t < readers.size(); t++) {
            if (keptAtWalk[t] == 0 && madeNow[t] == madeAtWalk[t]) {
                continue; // empty since its last walk
            }
            MapReader reader = readers.get(t);
            doomedCount = 0;
            try {
                int read = reader.forEach(this::visit);
                walks[t]++;
                int deleted = doomedCount > 0 ? reader.deleteKeys(doomed, doomedCount) : 0;
                keptAtWalk[t] = read - deleted;
                madeAtWalk[t] = madeNow[t];
            } catch (BpfException e) {
                throw new IllegalStateException("reading " + reader.map().name() + ": " + e.getMessage(), e);
            }
        }
        byKey.values().removeIf(c -> c.deleted || c.lastSeen != tick);
        live.sort(BY_AGE);
        return live;
    }

    /** Walks of table {@code t} (in the order of the maps) so far: one is not walked while empty. */
    long walks(int t) {
        return walks[t];
    }

    /** Connections followed now (at most the tables' sizes). */
    int size() {
        return byKey.size();
    }

    private void visit(MemorySegment keys, long keyOffset, MemorySegment values, long valueOffset) {
        ConnKey key = ConnKey.read(keys, keyOffset);
        Connection c = byKey.get(key);
        if (c == null) {
            c = new Connection(key, values.get(ValueLayout.JAVA_BYTE, valueOffset + DIRECTION) == INBOUND);
            c.lastChangeTick = tick;
            c.firstNs = values.get(ValueLayout.JAVA_LONG, valueOffset + FIRST_NS);
            byKey.put(key, c);
        }
        boolean changed = false;
        for (int i = 0; i < Connection.COUNTERS; i++) {
            long now = values.get(ValueLayout.JAVA_LONG, valueOffset + i * 8L);
            long delta = now - c.totals[i];
            if (delta < 0) { // a record made again after it was deleted: counting starts over
                delta = now;
                c.accounted[i] = 0;
            }
            c.deltas[i] = delta;
            c.totals[i] = now;
            changed |= delta != 0;
        }
        if (changed) {
            c.lastChangeTick = tick;
        }
        c.tgid = values.get(ValueLayout.JAVA_INT, valueOffset + TGID);
        long low = values.get(ValueLayout.JAVA_LONG, valueOffset + COMM);
        long high = values.get(ValueLayout.JAVA_LONG, valueOffset + COMM + 8);
        if (low != c.commLow || high != c.commHigh) {
            c.commLow = low;
            c.commHigh = high;
            c.comm = comm(values, valueOffset + COMM);
        }
        c.closed = (values.get(ValueLayout.JAVA_BYTE, valueOffset + FLAGS) & CLOSED) != 0;
        c.lastSeen = tick;
        live.add(c);
        if (c.closed || (key.udp() && tick - c.lastChangeTick >= UDP_IDLE_TICKS)) {
            c.deleted = true;
            doom(key);
        }
    }

    private void doom(ConnKey key) {
        if ((doomedCount + 1L) * ConnKey.SIZE > doomed.byteSize()) {
            MemorySegment bigger = arena.allocate(doomed.byteSize() * 2, 8);
            bigger.copyFrom(doomed);
            doomed = bigger;
        }
        key.write(doomed, (long) doomedCount * ConnKey.SIZE);
        doomedCount++;
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
        readers.forEach(MapReader::close);
        made.close();
        arena.close();
    }
}
