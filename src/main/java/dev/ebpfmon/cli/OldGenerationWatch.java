package dev.ebpfmon.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Collects the old generation once it holds {@link #HEADROOM_BYTES} more than the last full
 * collection left. Young collections promote the ticks' objects that happen to be alive when they
 * run, and the serial collector grows the old generation to make room for them rather than
 * collecting it: left alone, the agent's RSS grew by tens of MiB an hour (BENCHMARKS.md). A full
 * collection of the agent's live set (about 10 MiB at 10,000 processes) takes tens of
 * milliseconds, and after it the collector gives back what the old generation no longer needs.
 */
final class OldGenerationWatch {
    /** Garbage allowed to build up in the old generation between two full collections. */
    static final long HEADROOM_BYTES = 16L << 20;

    private final LongSupplier oldUsed;
    private final Runnable collect;
    private long liveAfterLastCollection;

    OldGenerationWatch(LongSupplier oldUsed, Runnable collect) {
        this.oldUsed = oldUsed;
        this.collect = collect;
    }

    /** The watch of this JVM's old generation, if its collector has one (the serial collector's "Tenured Gen"). */
    static Optional<OldGenerationWatch> ofThisJvm() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP
                        && (p.getName().contains("Tenured") || p.getName().contains("Old Gen")))
                .findFirst()
                .map(OldGenerationWatch::of);
    }

    private static OldGenerationWatch of(MemoryPoolMXBean pool) {
        return new OldGenerationWatch(() -> pool.getUsage().getUsed(), System::gc);
    }

    /**
     * Called between ticks.
     *
     * @return whether it collected
     */
    boolean check() {
        if (oldUsed.getAsLong() <= liveAfterLastCollection + HEADROOM_BYTES) {
            return false;
        }
        collect.run();
        liveAfterLastCollection = oldUsed.getAsLong();
        return true;
    }
}
