package dev.ebpfmon.module;

import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.bpf.BpfObject;
import java.util.Map;

/** The loaded BPF objects a module may read its maps from, by object name. */
public record LoadedObjects(Map<String, BpfObject> byName) {
    public BpfMap map(String object, String map) {
        BpfObject loaded = byName.get(object);
        if (loaded == null) {
            throw new IllegalStateException("BPF object " + object + " is not loaded");
        }
        return loaded.map(map).orElseThrow(
                () -> new IllegalStateException("BPF object " + object + " has no map " + map));
    }
}
