package dev.ebpfmon.module;

/**
 * How big a map of a BPF object is made before load: entries, and for maps whose value size is
 * decided at run time (the per-process record) bytes per value. 0 keeps what the object says.
 */
public record MapSpec(int maxEntries, int valueSize) {
    public MapSpec {
        if (maxEntries < 0 || valueSize < 0) {
            throw new IllegalArgumentException("map sizes must be >= 0: " + maxEntries + ", " + valueSize);
        }
    }

    /** The map as compiled. */
    public static MapSpec compiled() {
        return new MapSpec(0, 0);
    }

    public static MapSpec entries(int maxEntries) {
        return new MapSpec(maxEntries, 0);
    }

    /** Both specs' needs: the larger of each size (0 counts as "as compiled", the smallest). */
    public MapSpec merge(MapSpec other) {
        return new MapSpec(Math.max(maxEntries, other.maxEntries), Math.max(valueSize, other.valueSize));
    }
}
