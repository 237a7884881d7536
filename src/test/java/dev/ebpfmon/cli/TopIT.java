package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** `ebpfmon top` in a real terminal (tmux, 80x24): rows appear, a key changes the sort, q quits. */
@Tag("kernel")
class TopIT {
    private final String session = "ebpfmon-top-" + ProcessHandle.current().pid();

    private static String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private Path logFile;

    private String log() throws IOException {
        return logFile != null && Files.exists(logFile) ? Files.readString(logFile) : "";
    }

    private String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", session);
    }

    private String awaitScreen(Predicate<String> ready, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = screen();
            if (ready.test(text)) {
                return text;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " on the screen:\n" + text + "\nstderr:\n" + log());
    }

    @Test
    void rowsAppearSortingFollowsTheKeysAndQQuits() throws Exception {
        Path dir = Files.createTempDirectory("ebpfmon-top");
        Path log = dir.resolve("top.log");
        logFile = log;
        String command = String.join(" ", AgentIT.ebpfmon("top", "--config-dir", AgentIT.DEFAULTS)) + " 2>" + log;
        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command);
        try {
            String first = awaitScreen(s -> s.contains("APPLICATION") && s.lines().count() > 3
                    && s.lines().skip(2).anyMatch(l -> !l.isBlank()), "rows");
            assertThat(first).contains("*open/s").contains("by open/s");
            assertThat(first.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
            // some work of our own, so that rows have numbers
            new ProcessBuilder(Path.of("target/native/ebpfmon-workload").toAbsolutePath().toString(), dir.toString(),
                    "open:500").start().waitFor();

            tmux("send-keys", "-t", session, ">");
            awaitScreen(s -> s.contains("*close/s") && s.contains("by close/s"), "sort by close/s");
            tmux("send-keys", "-t", session, "r");
            awaitScreen(s -> s.contains("(asc)"), "ascending sort");

            tmux("send-keys", "-t", session, "q");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (tmux("has-session", "-t", session).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(tmux("has-session", "-t", session)).as("the session ends when top quits").isNotEmpty();
        } finally {
            tmux("kill-session", "-t", session);
        }
    }
}
