package dev.ebpfmon.bench;

import dev.ebpfmon.module.self.ProcessUsage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The packaged agent as Netdata runs it ({@code ebpfmon netdata 1}): time from process start to
 * the end of its first complete sample (the first {@code END} line), and its RSS a few ticks later.
 */
final class AgentStart {
    record Result(double firstSampleSeconds, long rssBytes) {}

    private AgentStart() {}

    /** @param seconds how long to let it run after the first sample before reading its RSS */
    static Result measure(Path launcher, int seconds) throws IOException, InterruptedException {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException(launcher + " is not executable: pass --agent bin/ebpfmon");
        }
        long start = System.nanoTime();
        Process agent = new ProcessBuilder(launcher.toAbsolutePath().toString(), "netdata", "1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
            double first = -1;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.equals("END")) {
                    continue;
                }
                double now = (System.nanoTime() - start) / 1e9;
                if (first < 0) {
                    first = now;
                }
                // the JVM's RSS settles after a few ticks (JIT, first collections of every chart)
                if (now - first >= seconds) {
                    return new Result(first, ProcessUsage.of(agent.pid()).rssBytes());
                }
            }
            throw new IllegalStateException(launcher + " netdata 1 stopped " + (first < 0 ? "before its first sample"
                    : "early") + " (exit " + agent.waitFor() + "); is it built and are we root?");
        } finally {
            agent.destroy(); // SIGTERM: its shutdown hook detaches
            if (!agent.waitFor(30, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor();
            }
        }
    }
}
