package dev.ebpfmon.module.mdflush;

/** What the mdflush collector reads: the BPF side's counts, and which devices exist (fakes in tests). */
interface FlushCounts extends AutoCloseable {
    @FunctionalInterface
    interface Device {
        void counted(int dev, long flushes);
    }

    /** Every md device's flushes since load; devices as the kernel numbers them (major << 20 | minor). */
    void each(Device device);

    /** Whether the device still exists (/sys/dev/block/M:m). */
    boolean exists(int dev);

    /** Forgets a device that is gone, so that a later one of its number starts afresh. */
    void forget(int dev);

    @Override
    default void close() {}
}
