package dev.ebpfmon.config;

/**
 * Effective settings of one module after merging ebpf.d.conf's {@code [global]} with the module's
 * own file. The same shape describes the global defaults themselves (module {@code "global"}).
 * Commands and tests change one field with the {@code with...} methods.
 *
 * @param enabled         from {@code [ebpf programs]}; always false for the global record
 * @param updateEvery     seconds between collections
 * @param pidTableSize    maximum number of processes kept in the per-process BPF table
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

    /** ebpfmon's built-in settings for a module that is switched on, as if no file said otherwise. */
    public static ModuleSettings builtIn(String module) {
        return Defaults.GLOBAL.as(module, true);
    }

    /** The same settings under another module name and enablement, for inheritance. */
    ModuleSettings as(String name, boolean on) {
        return new ModuleSettings(name, on, loadMode, updateEvery, pidTableSize, apps, cgroups,
                typeFormat, coreTracing, lifetimeSeconds);
    }

    public ModuleSettings withEnabled(boolean on) {
        return as(module, on);
    }

    public ModuleSettings withLoadMode(LoadMode mode) {
        return new ModuleSettings(module, enabled, mode, updateEvery, pidTableSize, apps, cgroups,
                typeFormat, coreTracing, lifetimeSeconds);
    }

    public ModuleSettings withUpdateEvery(int seconds) {
        return new ModuleSettings(module, enabled, loadMode, seconds, pidTableSize, apps, cgroups,
                typeFormat, coreTracing, lifetimeSeconds);
    }

    public ModuleSettings withPidTableSize(int entries) {
        return new ModuleSettings(module, enabled, loadMode, updateEvery, entries, apps, cgroups,
                typeFormat, coreTracing, lifetimeSeconds);
    }

    /** Per-application and per-cgroup charts on or off. */
    public ModuleSettings withGroups(boolean newApps, boolean newCgroups) {
        return new ModuleSettings(module, enabled, loadMode, updateEvery, pidTableSize, newApps, newCgroups,
                typeFormat, coreTracing, lifetimeSeconds);
    }

    public ModuleSettings withCoreTracing(CoreTracing tracing) {
        return new ModuleSettings(module, enabled, loadMode, updateEvery, pidTableSize, apps, cgroups,
                typeFormat, tracing, lifetimeSeconds);
    }

    /** Whether the module's counters are read per process (for apps or cgroup charts). */
    public boolean perProcess() {
        return apps || cgroups;
    }
}
