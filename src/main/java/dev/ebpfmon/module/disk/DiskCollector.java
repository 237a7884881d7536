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
    /** /proc/partitions as last read and parsed: it changes only when a disk comes or goes. */
    private String partitionsText = "";
    private PartitionTable partitions = PartitionTable.parse("");

    /** Reads the baseline of the first collection's drift: what the kernel and the maps hold now. */
    DiskCollector(DiskSources sources, int updateEvery) {
        this.sources = sources;
        this.updateEvery = updateEvery;
        this.latency = new KeyedCharts<>(RETIRE_AFTER_TICKS, disk -> List.of(DiskCharts.latency(disk, updateEvery)));
        this.completedBefore = DiskStats.completed(sources.diskstats());
        this.countedBefore = counted(new HashMap<>(), (dev, buckets) -> { });
    }

    @Override
    public void collect(Tick tick) {
        latency.startTick();
        Map<Integer, Long> completed = DiskStats.completed(sources.diskstats());
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
        List<String> disks = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        completed.keySet().stream().sorted().forEach(dev -> {
            Optional<String> name = names.name(dev);
            if (name.isEmpty() || !requestBased.computeIfAbsent(dev, sources::requestBased)) {
                return;
            }
            long kernel = completed.get(dev) - completedBefore.getOrDefault(dev, 0L);
            long seen = counted.getOrDefault(dev, 0L) - countedBefore.getOrDefault(dev, 0L);
            disks.add(name.get());
            values.add(kernel - seen);
        });
        if (disks.isEmpty()) {
            return;
        }
        if (drift == null || !drift.dimensions().stream().map(d -> d.id()).toList().equals(disks)) {
            drift = DiskCharts.drift(disks, updateEvery);
        }
        tick.add(new Sample(drift, values.stream().mapToLong(Long::longValue).toArray()));
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
