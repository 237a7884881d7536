package dev.ebpfmon.module;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import java.util.List;

/** Reads a running module's maps once per tick and turns them into chart samples. */
public interface Collector {
    /** Charts this collector fills, in display order. */
    List<Chart> charts();

    /** One reading of every chart; incremental dimensions carry running totals. */
    List<Sample> collect();
}
