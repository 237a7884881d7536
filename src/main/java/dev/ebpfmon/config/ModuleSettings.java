package dev.ebpfmon.config;

/**
 * Effective settings of one module after merging ebpf.d.conf's {@code [global]} with the module's
 * own file. The same shape describes the global defaults themselves (module {@code "global"}).
 *
 * @param enabled         from {@code [ebpf programs]}; always false for the global record
 * @param updateEvery     seconds between collections
 * @param pidTableSize    maximum number of PIDs kept in per-process BPF maps
 * @param lifetimeSeconds how long a module started on demand keeps running
 */
public record ModuleSettings(
        String module,
        boolean enabled,
        LoadMode loadMode,
        int updateEvery,
        int pidTableSize,
        boolean apps,
        boolean cgroups,
        TypeFormat typeFormat,
        CoreTracing coreTracing,
        int lifetimeSeconds) {

    /** The same settings under another module name and enablement, for inheritance. */
    ModuleSettings as(String name, boolean on) {
        return new ModuleSettings(name, on, loadMode, updateEvery, pidTableSize, apps, cgroups,
                typeFormat, coreTracing, lifetimeSeconds);
    }
}
