package dev.ebpfmon.module;

import dev.ebpfmon.config.CoreTracing;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.AttachProbe;
import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.loader.EmbeddedObjects;
import dev.ebpfmon.module.loader.LoadedModules;
import dev.ebpfmon.module.loader.ModuleLoader;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What kernel tests share: attach support (probed once), loading modules, cgroups of their own. */
public final class KernelTests {
    private static Map<AttachKind, AttachSupport> support;

    private KernelTests() {}

    public static synchronized Map<AttachKind, AttachSupport> support() {
        if (support == null) {
            support = new AttachProbe(() -> EmbeddedObjects.bytes("feature_probe")).all();
        }
        return support;
    }

    /**
     * Where the attach chain starts in kernel tests: {@code -Debpfmon.test.tracing=probe} (the
     * kernel matrix forces each variant that way); Netdata's default otherwise.
     */
    public static CoreTracing tracing() {
        String forced = System.getProperty("ebpfmon.test.tracing", "");
        return forced.isBlank() ? CoreTracing.TRAMPOLINE : CoreTracing.valueOf(forced.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Why neither trampolines nor kprobes can attach here under this `ebpf co-re tracing`, if so,
     * in the loader's words (what a module on kernel functions alone says when it cannot run).
     */
    public static Optional<String> noKernelFunctions(CoreTracing tracing) {
        List<AttachKind> allowed = switch (tracing) {
            case TRAMPOLINE -> List.of(AttachKind.TRAMPOLINE, AttachKind.PROBE);
            case PROBE -> List.of(AttachKind.PROBE);
            case TRACEPOINT -> List.of();
        };
        if (allowed.isEmpty()) {
            return Optional.of("kprobe/kretprobe excluded by 'ebpf co-re tracing'");
        }
        List<String> refused = allowed.stream().map(k -> support().get(k)).filter(s -> !s.works())
                .map(s -> s.kind().label() + ": " + s.reason()).toList();
        return refused.size() < allowed.size() ? Optional.empty()
                : Optional.of(String.join("; ", refused));
    }

    /**
     * Whether programs on kernel functions can attach here under {@link #tracing()}: trampolines
     * or kprobes work and are not excluded. Scenarios of modules with nothing else skip setting up
     * their devices when not (the module then cannot run, and the harness says why).
     */
    public static boolean kernelFunctionsAttach() {
        return noKernelFunctions(tracing()).isEmpty();
    }

    /** A module switched on with ebpfmon's defaults, the tracing of {@link #tracing()}. */
    public static ModuleSettings settings(String module) {
        return ModuleSettings.builtIn(module).withCoreTracing(tracing());
    }

    public static LoadedModules load(List<ModuleLoader.Request> requests) {
        return new ModuleLoader(support(), KernelSymbols.system(), EmbeddedObjects::bytes).load(requests);
    }

    public static ModuleLoader.Request request(Module module, ModuleSettings settings) {
        return new ModuleLoader.Request(module, new ModuleContext(settings, Optional.empty(), 0,
                new java.util.ArrayList<>(), KernelSymbols.system()));
    }

    /** Where cgroup v2 is mounted: /sys/fs/cgroup, or /sys/fs/cgroup/unified on hybrid systems like ours. */
    /**
     * Whether files in {@code dir} live on a block device, so that direct I/O there makes disk
     * interrupts: not on tmpfs or an overlay (anonymous devices, major 0), which take O_DIRECT
     * since 6.6 without any device, as in the kernel matrix's guests.
     */
    public static boolean onBlockDevice(Path dir) throws IOException {
        long dev = (Long) java.nio.file.Files.getAttribute(dir, "unix:dev");
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        return major != 0;
    }

    public static Path cgroup2Mount() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" "))
                .filter(f -> f.length > 2 && f[2].equals("cgroup2")).map(f -> Path.of(f[1])).findFirst()
                .orElseThrow(() -> new IllegalStateException("cgroup v2 is not mounted"));
    }

    /** A cgroup can be removed once its last task is freed, which happens a little after reaping. */
    public static void removeCgroup(Path cgroup) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                Files.delete(cgroup);
                return;
            } catch (FileSystemException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
