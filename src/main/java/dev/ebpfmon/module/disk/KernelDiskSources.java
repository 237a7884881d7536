package dev.ebpfmon.module.disk;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.MapReader;
import dev.ebpfmon.kernel.ProcFile;
import dev.ebpfmon.module.Log2Buckets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@link DiskSources} of the running kernel: the disk_latency map and /proc, /sys. */
final class KernelDiskSources implements DiskSources {
    private static final Path PARTITIONS = Path.of("/proc/partitions");
    private static final Path DISKSTATS = Path.of("/proc/diskstats");
    private static final Path SYS_DEV_BLOCK = Path.of("/sys/dev/block");

    private final BpfMap map;
    private final MapReader reader;
    private final long[] buckets = new long[Log2Buckets.COUNT];
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key;
    private final ProcFile partitions = new ProcFile(PARTITIONS);
    private final ProcFile diskstats = new ProcFile(DISKSTATS);

    KernelDiskSources(BpfMap latency) {
        if (latency.keySize() != Integer.BYTES || latency.valueSize() != Log2Buckets.COUNT * Long.BYTES) {
            throw new IllegalArgumentException("map " + latency.name() + " is not u32 -> u64[" + Log2Buckets.COUNT + "]");
        }
        this.map = latency;
        this.reader = new MapReader(latency, 64);
        this.key = arena.allocate(ValueLayout.JAVA_INT);
    }

    @Override
    public void histograms(Histogram each) {
        try {
            reader.forEach((keys, keyOffset, values, valueOffset) -> {
                for (int b = 0; b < buckets.length; b++) {
                    buckets[b] = map.sumPerCpu(values, valueOffset, (long) b * Long.BYTES);
                }
                each.disk(keys.get(ValueLayout.JAVA_INT_UNALIGNED, keyOffset), buckets);
            });
        } catch (BpfException e) {
            throw new IllegalStateException("reading " + map.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void forget(int dev) {
        key.set(ValueLayout.JAVA_INT, 0, dev);
        try {
            map.delete(key);
        } catch (BpfException e) {
            throw new IllegalStateException("deleting disk " + PartitionTable.text(dev) + " from " + map.name(), e);
        }
    }

    @Override
    public String partitions() {
        return partitions.text();
    }

    @Override
    public Map<Integer, Long> completed() {
        diskstats.read();
        return DiskStats.completed(diskstats.bytes(), diskstats.length());
    }

    @Override
    public boolean requestBased(int dev) {
        return Files.isDirectory(SYS_DEV_BLOCK.resolve(PartitionTable.text(dev)).resolve("mq"));
    }

    @Override
    public void close() {
        partitions.close();
        diskstats.close();
        reader.close();
        arena.close();
    }
}
