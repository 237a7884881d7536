package dev.ebpfmon.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A population of live processes for the agent to watch: {@code ebpfmon-swarm} (src/main/native)
 * with {@code count} children, each opening, reading and closing one file once a period (a
 * second by default), their wake-ups spread over the period. Closing it kills and reaps them all.
 */
final class Swarm implements AutoCloseable {
    private final Process process;
    private final int count;
    private final int periodMs;

    private Swarm(Process process, int count, int periodMs) {
        this.process = process;
        this.count = count;
        this.periodMs = periodMs;
    }

    /** Starts {@code count} children reading {@code file} every {@code periodMs}; returns once every one exists. */
    static Swarm start(Path binary, int count, Path file, int periodMs) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary)) {
            throw new IllegalArgumentException(binary + " is not executable: build it with `make build` (src/main/native)"
                    + " or pass --swarm");
        }
        Process process = new ProcessBuilder(binary.toAbsolutePath().toString(), Integer.toString(count), file.toString(),
                Integer.toString(periodMs))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Swarm swarm = new Swarm(process, count, periodMs);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            // forking slows down as the children already there take their share of the CPU: 10 s for
            // 3,000 on a loaded 2-core VM; generous
            String line = ready.get(60 + count / 50, TimeUnit.SECONDS);
            if (!("ready " + count).equals(line)) {
                throw new IllegalStateException("ebpfmon-swarm " + count + " did not start (exit "
                        + (process.isAlive() ? "none yet" : process.exitValue()) + "): " + line);
            }
        } catch (java.util.concurrent.ExecutionException | TimeoutException | RuntimeException e) {
            swarm.close();
            throw new IllegalStateException("ebpfmon-swarm " + count + " did not get ready: " + e, e);
        }
        return swarm;
    }

    int count() {
        return count;
    }

    int periodMs() {
        return periodMs;
    }

    /** Throws when the swarm has ended: a child died, so the population is not what was asked for. */
    void ensureAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("ebpfmon-swarm " + count + " ended (exit " + process.exitValue()
                    + "): one of its processes died; see its message above");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: it kills and reaps its children
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(); // its children die with it (PR_SET_PDEATHSIG)
        }
    }
}
