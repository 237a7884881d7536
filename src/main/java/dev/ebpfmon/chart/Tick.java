package dev.ebpfmon.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * What one collection produced: the samples, and the charts that are gone for good (a removed
 * cgroup, a disk unplugged), whose final sample is already among this or an earlier tick's
 * samples. Sinks retire those: Netdata's {@code CHART ... obsolete}, history and /metrics drop them.
 * Collectors may add live tables too, which sinks that show tables take as they are.
 * Filled by one thread, then handed over.
 */
public final class Tick {
    private final List<Sample> samples = new ArrayList<>();
    private final List<Chart> retired = new ArrayList<>();
    private final List<LiveTable> tables = new ArrayList<>();
    private final boolean tablesWanted;

    /** A tick whose sinks show live tables. */
    public Tick() {
        this(true);
    }

    /** @param tablesWanted whether any sink shows live tables (Netdata's plugin does not) */
    public Tick(boolean tablesWanted) {
        this.tablesWanted = tablesWanted;
    }

    /** Whether a live table is worth building: some sink shows it. */
    public boolean wantsTables() {
        return tablesWanted;
    }

    public void add(Sample sample) {
        samples.add(sample);
    }

    public void addAll(List<Sample> more) {
        samples.addAll(more);
    }

    public void retire(Chart chart) {
        retired.add(chart);
    }

    /** A live table of this tick (see {@link LiveTable}); sinks that show tables take the latest. */
    public void table(LiveTable table) {
        tables.add(table);
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<Chart> retired() {
        return retired;
    }

    public List<LiveTable> tables() {
        return tables;
    }

    public boolean isEmpty() {
        return samples.isEmpty() && retired.isEmpty();
    }
}
