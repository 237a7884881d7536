package dev.ebpfmon.module;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Tick;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Charts made per key at run time (a disk, an IRQ, an md device, a connection): each made once,
 * when its key first shows up, and retired when the key has not been seen for
 * {@code retireAfterTicks} collections (a disk unplugged, an IRQ line gone), so that the chart set
 * follows what exists and stays bounded. Only the collecting thread uses it.
 *
 * @param <K> the key
 */
public final class KeyedCharts<K> {
    private final int retireAfterTicks;
    private final Function<K, List<Chart>> make;
    private final Map<K, Entry> byKey = new LinkedHashMap<>();
    private long ticks;

    private static final class Entry {
        final List<Chart> charts;
        long lastSeen;

        Entry(List<Chart> charts) {
            this.charts = List.copyOf(charts);
        }
    }

    /** @param make the charts of one key, in display order */
    public KeyedCharts(int retireAfterTicks, Function<K, List<Chart>> make) {
        if (retireAfterTicks < 1) {
            throw new IllegalArgumentException("retireAfterTicks must be >= 1");
        }
        this.retireAfterTicks = retireAfterTicks;
        this.make = make;
    }

    /** Starts a collection. */
    public void startTick() {
        ticks++;
    }

    /** The charts of a key seen in this collection, made on first sight. */
    public List<Chart> seen(K key) {
        Entry e = byKey.computeIfAbsent(key, k -> new Entry(make.apply(k)));
        e.lastSeen = ticks;
        return e.charts;
    }

    /** Ends a collection: the charts of keys unseen for too long are retired and forgotten. */
    public void endTick(Tick tick) {
        for (Iterator<Entry> it = byKey.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (ticks - e.lastSeen >= retireAfterTicks) {
                e.charts.forEach(tick::retire);
                it.remove();
            }
        }
    }

    public int size() {
        return byKey.size();
    }
}
