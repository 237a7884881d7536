package dev.ebpfmon.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the {@link KernelFacts} once and remembers them. As root it also makes tracefs and
 * securityfs available when they are not mounted (common in containers and minimal VMs), because
 * attaching probes and reading the lockdown mode need them.
 *
 * <p>All paths are resolved under {@code root} so tests can supply a fake /proc and /sys.
 */
public final class KernelInspector {

    private static final KernelInspector SYSTEM =
            new KernelInspector(Path.of("/"), new LibcMount(), () -> Libbpf.loadProblem(Libbpf.SONAME));

    private final Path root;
    private final Mounter mounter;
    private final Supplier<Optional<String>> libbpfCheck;
    private KernelFacts facts;
    private KernelSymbols symbols;

    KernelInspector(Path root, Mounter mounter, Supplier<Optional<String>> libbpfCheck) {
        this.root = root;
        this.mounter = mounter;
        this.libbpfCheck = libbpfCheck;
    }

    /** The inspector of the machine we run on; mounts what is missing when privileged. */
    public static KernelInspector system() {
        return SYSTEM;
    }

    /** An inspector of a copied or fake tree; it never mounts anything. */
    public static KernelInspector forRoot(Path root) {
        return new KernelInspector(root, Mounter.refusing("mounting is disabled when inspecting " + root),
                () -> Libbpf.loadProblem(Libbpf.SONAME));
    }

    /** Inspects on the first call (possibly mounting), then returns the same facts. */
    public synchronized KernelFacts facts() {
        if (facts == null) {
            facts = inspect();
        }
        return facts;
    }

    /** The kernel's functions and tracepoints, read on first use (tracefs as {@link #facts()} finds it). */
    public synchronized KernelSymbols symbols() {
        if (symbols == null) {
            symbols = new SymbolTable(root, () -> facts().tracefs().dir());
        }
        return symbols;
    }

    private KernelFacts inspect() {
        String release = read("proc/sys/kernel/osrelease").map(String::strip).filter(s -> !s.isEmpty())
                .orElse("unknown");
        Privileges privileges = Privileges.parseStatus(read("proc/self/status").orElse(""));
        boolean mayMount = privileges.root() || privileges.has(Capability.SYS_ADMIN);
        Tracefs tracefs = tracefs(mayMount);
        LockdownResult lockdown = lockdown(mayMount);
        return new KernelFacts(
                release,
                KernelVersion.parse(release),
                Files.exists(path("sys/kernel/btf/vmlinux")),
                tracefs,
                lockdown.mode(),
                lockdown.securityfsMountedByUs(),
                mounted("/sys/kernel/debug", "debugfs"),
                probeEvents(tracefs),
                selinux(),
                privileges,
                read("proc/sys/kernel/bpf_stats_enabled").map(s -> !s.strip().equals("0")),
                libbpfCheck.get());
    }

    private Tracefs tracefs(boolean mayMount) {
        Path primary = path("sys/kernel/tracing");
        Path legacy = path("sys/kernel/debug/tracing");
        if (populated(primary)) {
            return Tracefs.at(primary, false);
        }
        if (populated(legacy)) {
            return Tracefs.at(legacy, false);
        }
        if (!Files.isDirectory(primary)) {
            return Tracefs.unusable("/sys/kernel/tracing does not exist (kernel built without tracefs?)");
        }
        if (mounted("/sys/kernel/tracing", "tracefs")) {
            return Tracefs.unusable("tracefs is mounted on /sys/kernel/tracing but has no events/ directory");
        }
        if (!mayMount) {
            return Tracefs.unusable("tracefs is not mounted and only root can mount it "
                    + "(mount -t tracefs nodev /sys/kernel/tracing)");
        }
        Optional<String> failure = mounter.mount("nodev", primary, "tracefs");
        if (failure.isPresent()) {
            return Tracefs.unusable("tracefs is not mounted and mounting it failed: " + failure.get());
        }
        return populated(primary) ? Tracefs.at(primary, true)
                : Tracefs.unusable("mounted tracefs on /sys/kernel/tracing but it has no events/ directory");
    }

    /** The perf PMUs (since 4.17) tell, or on older kernels tracefs's event files. */
    private ProbeEvents probeEvents(Tracefs tracefs) {
        Path pmus = path("sys/bus/event_source/devices");
        Optional<Path> dir = tracefs.dir();
        if (!Files.isDirectory(pmus) && dir.isEmpty()) {
            return ProbeEvents.unknown();
        }
        return new ProbeEvents(true,
                Files.isDirectory(pmus.resolve("kprobe")) || dir.map(d -> Files.exists(d.resolve("kprobe_events"))).orElse(false),
                Files.isDirectory(pmus.resolve("uprobe")) || dir.map(d -> Files.exists(d.resolve("uprobe_events"))).orElse(false));
    }

    private record LockdownResult(String mode, boolean securityfsMountedByUs) {}

    private LockdownResult lockdown(boolean mayMount) {
        Path dir = path("sys/kernel/security");
        boolean mountedByUs = false;
        if (!Files.exists(dir.resolve("lockdown")) && !mounted("/sys/kernel/security", "securityfs")) {
            if (!mayMount || !Files.isDirectory(dir)) {
                return new LockdownResult("unknown (securityfs not mounted)", false);
            }
            Optional<String> failure = mounter.mount("securityfs", dir, "securityfs");
            if (failure.isPresent()) {
                return new LockdownResult(
                        "unknown (securityfs not mounted; mounting it failed: " + failure.get() + ")", false);
            }
            mountedByUs = true;
        }
        Optional<String> content = read("sys/kernel/security/lockdown");
        if (content.isEmpty()) {
            return new LockdownResult("not present (kernel without the lockdown LSM)", mountedByUs);
        }
        String mode = Lockdown.mode(content.get())
                .orElse("unknown (unexpected lockdown content '" + content.get().strip() + "')");
        return new LockdownResult(mode, mountedByUs);
    }

    private String selinux() {
        return read("sys/fs/selinux/enforce")
                .map(s -> s.strip().equals("1") ? "enforcing" : "permissive")
                .orElse("not present");
    }

    private boolean populated(Path tracingDir) {
        return Files.isDirectory(tracingDir.resolve("events"));
    }

    /** Looks {@code mountPoint} (as the kernel names it, from "/") up in /proc/mounts. */
    private boolean mounted(String mountPoint, String fsType) {
        return read("proc/mounts").map(text -> text.lines().anyMatch(line -> {
            String[] f = line.split(" ");
            return f.length >= 3 && f[1].equals(mountPoint) && f[2].equals(fsType);
        })).orElse(false);
    }

    private Path path(String relative) {
        return root.resolve(relative);
    }

    private Optional<String> read(String relative) {
        try {
            return Optional.of(Files.readString(path(relative), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
