package dev.ebpfmon.module.disk;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.KeyedCharts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each collection: one latency chart per disk the BPF side counted requests for, named as
 * /proc/partitions names it (a disk gone from /proc/diskstats is forgotten, and its chart retired
 * after {@link #RETIRE_AFTER_TICKS} collections, as Netdata does); then the drift of every
 * request-based disk: what /proc/diskstats completed since the previous collection minus what
 * the histograms gained.
 */
final class DiskCollector implements Collector {
    /** Netdata obsoletes a disk's chart after 10 intervals without it. */
    static final int RETIRE_AFTER_TICKS = 10;

    private final DiskSources sources;
    private final int updateEvery;
    private final KeyedCharts<String> latency;
    private final Map<Integer, Boolean> requestBased = new HashMap<>();
    private Map<Integer, Long> completedBefore;
    private Map<Integer, Long> countedBefore;
    private Chart drift;
    /** The disks of {@link #drift}, in its order. */
    private List<String> driftDisks = List.of();
    /** /proc/partitions as last read and parsed: it changes only when a disk comes or goes. */
    private String partitionsText = "";
    private PartitionTable partitions = PartitionTable.parse("");

    /** Reads the baseline of the first collection's drift: what the kernel and the maps hold now. */
    DiskCollector(DiskSources sources, int updateEvery) {
        this.sources = sources;
        this.updateEvery = updateEvery;
        this.latency = new KeyedCharts<>(RETIRE_AFTER_TICKS, disk -> List.of(DiskCharts.latency(disk, updateEvery)));
        this.completedBefore = sources.completed();
        this.countedBefore = counted(new HashMap<>(), (dev, buckets) -> { });
    }

    @Override
    public void collect(Tick tick) {
        latency.startTick();
        Map<Integer, Long> completed = sources.completed();
        PartitionTable names = partitions(sources.partitions());
        List<Integer> gone = new ArrayList<>();
        Map<Integer, Long> counted = counted(new HashMap<>(), (dev, buckets) -> {
            if (!completed.containsKey(dev)) {
                gone.add(dev);
                return;
            }
            names.name(dev).ifPresent(disk -> tick.add(new Sample(latency.seen(disk).getFirst(), buckets.clone())));
        });
        gone.forEach(sources::forget);
        drift(tick, names, completed, counted);
        completedBefore = completed;
        countedBefore = counted;
        latency.endTick(tick);
    }

    private PartitionTable partitions(String text) {
        if (!text.equals(partitionsText)) {
            partitions = PartitionTable.parse(text);
            partitionsText = text;
        }
        return partitions;
    }

    /** Every disk's request count into {@code totals}, each histogram also to {@code each}. */
    private Map<Integer, Long> counted(Map<Integer, Long> totals, DiskSources.Histogram each) {
        sources.histograms((dev, buckets) -> {
            long total = 0;
            for (long b : buckets) {
                total += b;
            }
            totals.put(dev, total);
            each.disk(dev, buckets);
        });
        return totals;
    }

    private void drift(Tick tick, PartitionTable names, Map<Integer, Long> completed, Map<Integer, Long> counted) {
        requestBased.keySet().retainAll(completed.keySet());
        int[] devs = new int[completed.size()];
        int n = 0;
        for (int dev : completed.keySet()) {
            devs[n++] = dev;
        }
        java.util.Arrays.sort(devs);
        List<String> disks = new ArrayList<>();
        long[] values = new long[n];
        for (int dev : devs) {
            Optional<String> name = names.name(dev);
            Boolean byRequest = requestBased.get(dev);
            if (byRequest == null) {
                byRequest = sources.requestBased(dev);
                requestBased.put(dev, byRequest);
            }
            if (name.isEmpty() || !byRequest) {
                continue;
            }
            long kernel = completed.get(dev) - completedBefore.getOrDefault(dev, 0L);
            long seen = counted.getOrDefault(dev, 0L) - countedBefore.getOrDefault(dev, 0L);
            values[disks.size()] = kernel - seen;
            disks.add(name.get());
        }
        if (disks.isEmpty()) {
            return;
        }
        if (drift == null || !disks.equals(driftDisks)) { // the chart is made again only when the disks change
            drift = DiskCharts.drift(disks, updateEvery);
            driftDisks = disks;
        }
        tick.add(new Sample(drift, java.util.Arrays.copyOf(values, disks.size())));
    }

    @Override
    public void close() {
        try {
            sources.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the disk module's sources: " + e.getMessage(), e);
        }
    }
}
