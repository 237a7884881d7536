package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.BpfObject;
import java.util.Map;

/**
 * The loaded BPF objects a module may read its maps from, by object name, and what the agent read
 * of the per-process records they share (for the host counts of modules that count an event in its
 * process's record instead of their host slot).
 */
public record LoadedObjects(Map<String, BpfObject> byName, RecordTotals records) {
    public LoadedObjects(Map<String, BpfObject> byName) {
        this(byName, new RecordTotals());
    }

    public BpfMap map(String object, String map) {
        BpfObject loaded = byName.get(object);
        if (loaded == null) {
            throw new IllegalStateException("BPF object " + object + " is not loaded");
        }
        return loaded.map(map).orElseThrow(
                () -> new IllegalStateException("BPF object " + object + " has no map " + map));
    }
}
