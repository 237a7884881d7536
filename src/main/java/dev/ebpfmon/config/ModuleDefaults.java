package dev.ebpfmon.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each module brings to the configuration before any file is read: whether it runs by default
 * and which files under {@code ebpf.d/} hold its settings (best first: Netdata read the socket
 * module's from network.conf for years). The modules themselves say it; a name no module claims
 * is off, with {@code <name>.conf}.
 */
public record ModuleDefaults(Map<String, Entry> byName) {
    public record Entry(boolean enabled, List<String> fileNames) {
        public Entry {
            fileNames = List.copyOf(fileNames);
        }
    }

    public ModuleDefaults {
        Map<String, Entry> all = new LinkedHashMap<>();
        for (String name : NetdataModules.NAMES) {
            all.put(name, byName.getOrDefault(name, new Entry(false, List.of(name + ".conf"))));
        }
        for (String name : byName.keySet()) {
            if (!NetdataModules.isModule(name)) {
                throw new IllegalArgumentException("'" + name + "' is not one of Netdata's modules");
            }
        }
        byName = java.util.Collections.unmodifiableMap(all);
    }

    /** Every module off, each with its own file name: the configuration of a build with no modules. */
    public static ModuleDefaults none() {
        return new ModuleDefaults(Map.of());
    }

    Entry of(String module) {
        return byName.get(module);
    }
}
