package dev.ebpfmon.module.mdflush;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.Collector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One dimension per md device that received a flush, in device order; a device gone from
 * /sys/dev/block loses its dimension and its count.
 */
final class MdflushCollector implements Collector {
    private final FlushCounts counts;
    private final int updateEvery;
    private Chart chart;

    MdflushCollector(FlushCounts counts, int updateEvery) {
        this.counts = counts;
        this.updateEvery = updateEvery;
    }

    @Override
    public void collect(Tick tick) {
        Map<Integer, Long> flushes = new TreeMap<>(Integer::compareUnsigned);
        List<Integer> gone = new ArrayList<>();
        counts.each((dev, n) -> {
            if (counts.exists(dev)) {
                flushes.put(dev, n);
            } else {
                gone.add(dev);
            }
        });
        gone.forEach(counts::forget);
        if (flushes.isEmpty()) {
            return;
        }
        List<String> devices = flushes.keySet().stream().map(MdDevices::name).toList();
        if (chart == null || !chart.dimensions().stream().map(Dimension::id).toList().equals(devices)) {
            chart = MdflushModule.chart(devices, updateEvery);
        }
        tick.add(new Sample(chart, flushes.values().stream().mapToLong(Long::longValue).toArray()));
    }

    @Override
    public void close() {
        try {
            counts.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the mdflush module's counts: " + e.getMessage(), e);
        }
    }
}
