package dev.ebpfmon.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A bpftrace process, returned once its probes are attached and stopped on close. */
final class BpftraceRun implements AutoCloseable {
    /**
     * What a user counting the same calls per process would write: one probe per syscall
     * tracepoint, a per-PID count. Entry side only, like ebpfmon's default (entry) mode.
     */
    static final String SCRIPT = "tracepoint:syscalls:sys_enter_read,tracepoint:syscalls:sys_enter_write,"
            + "tracepoint:syscalls:sys_enter_openat,tracepoint:syscalls:sys_enter_close"
            + " { @calls[pid, probe] = count(); }";
    /** bpftrace runs BEGIN once every probe is attached: the signal to start measuring. */
    private static final String READY = "BEGIN { printf(\"ready\\n\"); } ";
    private static final Path TRACEPOINTS = Path.of("/sys/kernel/tracing/events/syscalls");

    private final Process process;

    private BpftraceRun(Process process) {
        this.process = process;
    }

    /** Why bpftrace cannot run here, if it cannot. */
    static Optional<String> unavailable() {
        if (!Files.isDirectory(TRACEPOINTS)) {
            return Optional.of(TRACEPOINTS + " is missing (tracefs not mounted): run `ebpfmon check` once, it mounts it");
        }
        try {
            Process p = new ProcessBuilder("bpftrace", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? Optional.empty() : Optional.of("`bpftrace --version` failed");
        } catch (IOException e) {
            return Optional.of("bpftrace is not installed (apt-get install bpftrace)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    static BpftraceRun start(String script) throws IOException, InterruptedException, TimeoutException {
        Process process = new ProcessBuilder("bpftrace", "-e", READY + script).redirectErrorStream(true).start();
        BpftraceRun run = new BpftraceRun(process);
        CompletableFuture<Boolean> attached = CompletableFuture.supplyAsync(() -> awaitAttached(process));
        try {
            if (!attached.get(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("bpftrace exited before attaching its probes");
            }
        } catch (java.util.concurrent.ExecutionException e) {
            run.close();
            throw new IllegalStateException("reading bpftrace's output: " + e.getCause(), e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /** Reads until BEGIN said "ready", then drains the rest in the background (the final map dump). */
    private static boolean awaitAttached(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("ready")) {
                    Thread.ofVirtual().start(() -> drain(out));
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void drain(BufferedReader out) {
        try (out) {
            while (out.readLine() != null) {
                // bpftrace prints its maps on exit; nobody reads them
            }
        } catch (IOException ignored) {
            // the process went away
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: bpftrace detaches and exits
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
