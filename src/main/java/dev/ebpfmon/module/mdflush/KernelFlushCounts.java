package dev.ebpfmon.module.mdflush;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.MapReader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link FlushCounts} of the running kernel: the mdflush_count map and /sys/dev/block. */
final class KernelFlushCounts implements FlushCounts {
    private static final Path SYS_DEV_BLOCK = Path.of("/sys/dev/block");

    private final BpfMap map;
    private final MapReader reader;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key;

    KernelFlushCounts(BpfMap counts) {
        if (counts.keySize() != Integer.BYTES || counts.valueSize() != Long.BYTES) {
            throw new IllegalArgumentException("map " + counts.name() + " is not u32 -> u64");
        }
        this.map = counts;
        this.reader = new MapReader(counts, 64);
        this.key = arena.allocate(ValueLayout.JAVA_INT);
    }

    @Override
    public void each(Device device) {
        try {
            reader.forEach((keys, keyOffset, values, valueOffset) -> device.counted(
                    keys.get(ValueLayout.JAVA_INT_UNALIGNED, keyOffset), values.get(ValueLayout.JAVA_LONG_UNALIGNED, valueOffset)));
        } catch (BpfException e) {
            throw new IllegalStateException("reading " + map.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(int dev) {
        return Files.exists(SYS_DEV_BLOCK.resolve(MdDevices.major(dev) + ":" + MdDevices.minor(dev)));
    }

    @Override
    public void forget(int dev) {
        key.set(ValueLayout.JAVA_INT, 0, dev);
        try {
            map.delete(key);
        } catch (BpfException e) {
            throw new IllegalStateException("deleting md device " + MdDevices.name(dev) + " from " + map.name(), e);
        }
    }

    @Override
    public void close() {
        reader.close();
        arena.close();
    }
}
