package dev.ebpfmon.module.disk;

import java.util.Map;

/** What the disk collector reads: the BPF histograms, and the kernel's own files (fakes in tests). */
interface DiskSources extends AutoCloseable {
    /** One disk's histogram: request counts per log2 bucket, summed over CPUs (a reused array). */
    @FunctionalInterface
    interface Histogram {
        void disk(int dev, long[] buckets);
    }

    /** Every disk's histogram, as counted since load. */
    void histograms(Histogram each);

    /** Forgets a disk that is gone, so that a later one with its number starts afresh. */
    void forget(int dev);

    /** The text of /proc/partitions. */
    String partitions();

    /** The requests each device completed, from /proc/diskstats (see {@link DiskStats}). */
    Map<Integer, Long> completed();

    /**
     * Whether requests to the device go through the request layer (blk-mq: /sys/dev/block/M:m/mq),
     * where block:block_rq_* fire. Bio-based devices (md, device-mapper, zram) never reach them.
     */
    boolean requestBased(int dev);

    @Override
    default void close() {}
}
