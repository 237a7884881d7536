package dev.ebpfmon.leakgate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves a BPF program, map or link of ours attached or open (see
 * {@link LeakReport}). Registered for every test class through Jupiter's extension autodetection
 * (src/test/resources/junit-platform.properties and META-INF/services); its callbacks wrap the
 * class's own {@code @BeforeAll}/{@code @AfterAll}, so whatever those close counts as closed.
 */
public final class BpfLeakGate implements BeforeAllCallback, AfterAllCallback {
    /**
     * Handles closed by another thread, or a started process still exiting, get this long to go
     * (configuration parameter {@value #GRACE_PARAMETER}, default 2000 ms).
     */
    static final String GRACE_PARAMETER = "ebpfmon.leakgate.grace.ms";
    private static final long DEFAULT_GRACE_MILLIS = 2000;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BpfLeakGate.class);
    private static final AtomicLong NANOS = new AtomicLong();
    private static final AtomicLong CLASSES = new AtomicLong();

    @Override
    public void beforeAll(ExtensionContext context) {
        long start = System.nanoTime();
        context.getStore(NAMESPACE).put(context.getUniqueId(), BpfState.now());
        NANOS.addAndGet(System.nanoTime() - start);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        long start = System.nanoTime();
        BpfState before = context.getStore(NAMESPACE).remove(context.getUniqueId(), BpfState.class);
        if (before == null) {
            return;
        }
        List<String> leaks = leaksSince(before);
        long grace = context.getConfigurationParameter(GRACE_PARAMETER, Long::parseLong).orElse(DEFAULT_GRACE_MILLIS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(grace);
        while (!leaks.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            leaks = leaksSince(before);
        }
        long total = NANOS.addAndGet(System.nanoTime() - start);
        long classes = CLASSES.incrementAndGet();
        if (Boolean.getBoolean("ebpfmon.leakgate.timing")) {
            // -Debpfmon.leakgate.timing=true: what the gate costs the suite so far
            System.err.printf("leak gate: %s, %d classes, %.1f ms in total%n", context.getDisplayName(), classes,
                    total / 1e6);
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("BPF handles left open by " + context.getDisplayName()
                    + " (opened during the class, still open " + grace + " ms after it):\n  "
                    + String.join("\n  ", leaks));
        }
    }

    static List<String> leaksSince(BpfState before) {
        return LeakReport.leaks(before, BpfState.now(), LIVE);
    }

    /** Lookups in /proc and the kernel, for this JVM. */
    private static final LeakReport.Lookups LIVE = new LeakReport.Lookups() {
        @Override
        public Set<String> ourNames() {
            return OurPrograms.names();
        }

        @Override
        public Map<Long, List<BpfFd>> descendantFds() {
            Map<Long, List<BpfFd>> descendants = new LinkedHashMap<>();
            ProcessHandle.current().descendants().forEach(p -> {
                List<BpfFd> fds = BpfFd.of(p.pid());
                if (!fds.isEmpty()) {
                    descendants.put(p.pid(), fds);
                }
            });
            return descendants;
        }

        /** The program and its last argument: a java command line with its class path is pages long. */
        @Override
        public String command(long pid) {
            String[] args;
            try {
                args = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0");
            } catch (IOException e) {
                return "?";
            }
            String command = args[0].substring(args[0].lastIndexOf('/') + 1);
            return args.length == 1 ? command : command + (args.length > 2 ? " ... " : " ") + args[args.length - 1];
        }

        @Override
        public String nameOf(BpfFd fd) {
            return KernelBpf.nameOfFd(fd.fd(), fd.kind().equals("bpf-prog"));
        }
    };
}
