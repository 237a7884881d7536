package dev.ebpfmon.module;

import java.util.List;
import java.util.Map;

/**
 * What a module needs from one BPF object: the probe points to attach, the read-only globals to
 * set before load, and the maps it reads (with their sizes). Several modules may use the same
 * object; the loader merges their uses so that a probe point is attached once for all of them,
 * and maps of the same name in several objects are one map.
 */
public record ObjectUse(String object, List<ProbePoint> probePoints, Map<String, Long> globals,
        Map<String, MapSpec> maps) {
    public ObjectUse {
        probePoints = List.copyOf(probePoints);
        globals = Map.copyOf(globals);
        maps = Map.copyOf(maps);
    }
}
