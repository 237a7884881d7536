package dev.ebpfmon.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent as users start it, through its launcher ({@code bin/ebpfmon}), with a config dir:
 * either as Netdata runs it ({@code ebpfmon netdata 1}; its plugins.d output is read and
 * discarded here, as Netdata would consume it) or as the standalone agent (history, dashboard,
 * /metrics and API on a free loopback port). Closing it sends SIGTERM, as Netdata and systemd do.
 */
final class AgentProcess implements AutoCloseable {
    enum Mode {
        NETDATA("netdata"), STANDALONE("standalone");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private static final Pattern SERVING = Pattern.compile("serving http://([^/ ]+)/");
    private static final int STDERR_LINES_KEPT = 40;

    private final Mode mode;
    private final Process process;
    private final long startNanos;
    private final PluginsdStream stream;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<URI> api = new CompletableFuture<>();

    private AgentProcess(Mode mode, Process process, long startNanos) {
        this.mode = mode;
        this.process = process;
        this.startNanos = startNanos;
        if (mode == Mode.NETDATA) {
            stream = PluginsdStream.follow(process.getInputStream());
        } else {
            stream = null;
            Thread.ofPlatform().daemon().name("bench-agent-stdout").start(() -> discard(process.getInputStream()));
        }
        Thread.ofPlatform().daemon().name("bench-agent-stderr").start(this::readStderr);
    }

    /**
     * @param workDir where the standalone agent's API token file goes
     */
    static AgentProcess start(Path launcher, Mode mode, Path configDir, Path workDir) throws IOException {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException(launcher + " is not executable: build with `make build`, or pass --agent");
        }
        List<String> command = new ArrayList<>(List.of(launcher.toAbsolutePath().toString()));
        if (mode == Mode.NETDATA) {
            command.addAll(List.of("netdata", "1", "--config-dir", configDir.toString()));
        } else {
            command.addAll(List.of("--config-dir", configDir.toString(), "--listen", "127.0.0.1:0",
                    "--token-file", workDir.resolve("api-token").toString()));
        }
        long start = System.nanoTime();
        return new AgentProcess(mode, new ProcessBuilder(command).start(), start);
    }

    Mode mode() {
        return mode;
    }

    long pid() {
        return process.pid();
    }

    long startNanos() {
        return startNanos;
    }

    /** The plugins.d output (netdata mode only). */
    PluginsdStream stream() {
        if (stream == null) {
            throw new IllegalStateException("the standalone agent writes no plugins.d output");
        }
        return stream;
    }

    /** The standalone agent's API, once it said where it listens. */
    AgentApi api(long timeoutSeconds) throws Exception {
        if (mode != Mode.STANDALONE) {
            throw new IllegalStateException("only the standalone agent serves an API");
        }
        try {
            return new AgentApi(api.get(timeoutSeconds, TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            ensureAlive();
            throw new IllegalStateException("the agent did not say where it listens within " + timeoutSeconds + " s");
        }
    }

    /**
     * Seconds from process start to its first sample: the end of the first plugins.d tick, or the
     * first chart in the standalone agent's history.
     */
    double awaitFirstSample(long timeoutSeconds) throws Exception {
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        if (mode == Mode.NETDATA) {
            long at = stream.awaitFirstEnd(timeoutSeconds);
            if (at < 0) {
                ensureAlive();
                throw new IllegalStateException("no complete tick within " + timeoutSeconds + " s");
            }
            return (at - startNanos) / 1e9;
        }
        AgentApi client = api(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (client.chartCount() > 0) {
                return (System.nanoTime() - startNanos) / 1e9;
            }
            ensureAlive();
            Thread.sleep(20);
        }
        throw new IllegalStateException("no chart in the agent's history within " + timeoutSeconds + " s");
    }

    /** Throws, with the end of the agent's stderr, when it has exited. */
    void ensureAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the agent (" + mode.label + ") exited with " + process.exitValue()
                    + "; its stderr ended with:\n" + stderrTail());
        }
    }

    String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    private void readStderr() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    api.complete(URI.create("http://" + m.group(1)));
                }
            }
        } catch (IOException e) {
            // the agent went away
        }
    }

    private static void discard(InputStream in) {
        try (in) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the agent went away
        }
    }

    /** SIGTERM (the agent detaches in its shutdown hook), then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
