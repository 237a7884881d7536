package dev.ebpfmon.module.socket;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network viewer's dimensions of one direction. Connections are charted together by what
 * they reach (an outbound destination's address and port; an inbound service's local port), as
 * Netdata does; the first {@code capacity} of these get dimensions of their own, every later one
 * is counted in {@code other}, so that a chart never has more than {@code maximum dimensions}
 * (plus other) whatever the traffic. One that carried nothing for {@value #RETIRE_TICKS} ticks
 * leaves, making room.
 */
final class Aggregates {
    static final int RETIRE_TICKS = 60;

    /** A destination or service: its running totals (see {@link Connection}'s counters). */
    static final class Aggregate {
        final String id;
        String name;
        final boolean charted;
        final long[] totals = new long[Connection.COUNTERS];
        long lastSeen;

        Aggregate(String id, String name, boolean charted) {
            this.id = id;
            this.name = name;
            this.charted = charted;
        }
    }

    private final int capacity;
    private final Map<String, Aggregate> byId = new LinkedHashMap<>();
    /** Totals of the destinations counted in other, and of connections the kernel had no room for. */
    final long[] other = new long[Connection.COUNTERS];
    private int charted;
    private long version;

    Aggregates(int capacity) {
        this.capacity = capacity;
    }

    /** The aggregate of {@code id}, made (charted while there is room) when new. */
    Aggregate find(String id, String name, long tick) {
        Aggregate a = byId.get(id);
        if (a == null) {
            a = new Aggregate(id, name, charted < capacity);
            if (a.charted) {
                charted++;
                version++;
            }
            byId.put(id, a);
        } else if (a.charted && !a.name.equals(name)) {
            a.name = name; // a host name found since
            version++;
        }
        a.lastSeen = tick;
        return a;
    }

    void add(Aggregate a, long[] delta) {
        long[] into = a.charted ? a.totals : other;
        for (int i = 0; i < into.length; i++) {
            into[i] += delta[i];
        }
    }

    /** Forgets aggregates idle for too long; charted ones free their dimensions. */
    void retire(long tick) {
        for (Iterator<Aggregate> it = byId.values().iterator(); it.hasNext(); ) {
            Aggregate a = it.next();
            if (tick - a.lastSeen >= RETIRE_TICKS) {
                it.remove();
                if (a.charted) {
                    charted--;
                    version++;
                }
            }
        }
    }

    /** The charted aggregates, in the order they came. */
    List<Aggregate> charted() {
        List<Aggregate> list = new ArrayList<>(charted);
        for (Aggregate a : byId.values()) {
            if (a.charted) {
                list.add(a);
            }
        }
        return list;
    }

    int chartedCount() {
        return charted;
    }

    /** Destinations or services counted in other now. */
    int inOther() {
        return byId.size() - charted;
    }

    /** Changes whenever the charted set or a charted name does: the charts must be defined again. */
    long version() {
        return version;
    }
}
