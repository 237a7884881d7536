package dev.ebpfmon.module;

import dev.ebpfmon.chart.Tick;

/** Reads a running module's maps once per tick and turns them into chart samples. */
public interface Collector extends AutoCloseable {
    /** One reading of every chart; incremental dimensions carry running totals. */
    void collect(Tick tick);

    /** Releases what the collector holds (readers, buffers); the loader closes the objects. */
    @Override
    default void close() {}
}
