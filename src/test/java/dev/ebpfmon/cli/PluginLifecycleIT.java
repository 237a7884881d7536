package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent's lifecycle, as Netdata and systemd drive it: a closed stdout (Netdata going
 * away) and SIGTERM end it with exit status 0 and nothing of it attached; cgroups that come and go
 * get their charts declared obsolete, and the chart set ends where it started.
 */
@Tag("kernel")
class PluginLifecycleIT {
    private static final Path WORKLOAD = Path.of("target/native/ebpfmon-workload").toAbsolutePath();
    /** plugins.d's CHART line; the options field (the 11th) says 'obsolete' when a chart is retired. */
    private static final Pattern CHART = Pattern.compile("^CHART (\\S+) .* \\d+ \\d+ '([^']*)'.*$");

    @TempDir
    Path dir;

    /** A plugin with its stdout read line by line into {@code charts} (announced, not yet obsolete). */
    private static final class Plugin implements AutoCloseable {
        final Process process;
        final Set<String> live = ConcurrentHashMap.newKeySet();
        final Set<String> announced = ConcurrentHashMap.newKeySet();
        final Set<String> obsolete = ConcurrentHashMap.newKeySet();
        volatile int begins;
        private final Thread reader;

        Plugin(Path config) throws Exception {
            process = new ProcessBuilder(AgentIT.ebpfmon("netdata", "1", "--config-dir", config.toString()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            reader = Thread.ofPlatform().daemon().start(this::read);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = CHART.matcher(line);
                    if (m.matches()) {
                        if (m.group(2).equals("obsolete")) {
                            obsolete.add(m.group(1));
                            live.remove(m.group(1));
                        } else {
                            announced.add(m.group(1));
                            live.add(m.group(1));
                        }
                    } else if (line.startsWith("BEGIN ")) {
                        begins++;
                    }
                }
            } catch (java.io.IOException e) {
                // closed by the test
            }
        }

        void awaitBegins(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (begins < n && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(begins).as("plugin output").isGreaterThanOrEqualTo(n);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private Path config(String global) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("config"));
        Files.writeString(conf.resolve("ebpf.d.conf"), "[global]\n" + global + "[ebpf programs]\n"
                + "    process = yes\n    fd = yes\n    vfs = no\n");
        return conf;
    }

    /** BPF programs held by a process, from its fds (empty once it is gone). */
    private static long bpfProgramFds(long pid) throws Exception {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        if (!Files.isDirectory(fds)) {
            return 0;
        }
        try (var list = Files.list(fds)) {
            return list.filter(f -> {
                try {
                    return Files.readSymbolicLink(f).toString().contains("bpf-prog");
                } catch (Exception e) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void closingStdoutEndsThePluginWithExitZeroAndNothingAttached() throws Exception {
        try (Plugin plugin = new Plugin(config(""))) {
            plugin.awaitBegins(3);
            assertThat(bpfProgramFds(plugin.process.pid())).isPositive();
            plugin.process.getInputStream().close(); // as Netdata does when it stops the plugin
            assertThat(plugin.process.waitFor(30, TimeUnit.SECONDS)).as("the plugin ends").isTrue();
            assertThat(plugin.process.exitValue()).isZero();
            assertThat(bpfProgramFds(plugin.process.pid())).isZero();
        }
    }

    @Test
    void sigtermEndsTheAgentWithExitZero() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process agent = new ProcessBuilder(AgentIT.ebpfmon("--config-dir", config("").toString(), "--listen",
                "127.0.0.1:" + port, "--token-file", dir.resolve("token").toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/info"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(status).as("the agent serves").isEqualTo(200);
            new ProcessBuilder("kill", "-TERM", Long.toString(agent.pid())).start().waitFor();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("the agent ends").isTrue();
            assertThat(agent.exitValue()).isZero();
        } finally {
            agent.destroyForcibly();
        }
    }

    @Test
    void aThousandCgroupsComeAndGoAndTheirChartsAreRetired() throws Exception {
        Path parent = CgroupWorkloads.cgroup2Root().resolve("ebpfmon-plugin-churn-" + ProcessHandle.current().pid());
        Files.createDirectory(parent);
        try (Plugin plugin = new Plugin(config("    apps = yes\n    cgroups = yes\n"))) {
            plugin.awaitBegins(3);
            Thread.sleep(2000);
            int liveBefore = ours(plugin.live).size();
            for (int round = 0; round < 10; round++) {
                List<Path> batch = new java.util.ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    Path c = Files.createDirectory(parent.resolve("c" + (round * 100 + i)));
                    batch.add(c);
                    String script = "echo $$ > " + c.resolve("cgroup.procs") + " && exec " + WORKLOAD + " " + dir + " open:1";
                    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                Thread.sleep(2500); // two ticks: the cgroups are charted
                for (Path c : batch) {
                    dev.ebpfmon.module.KernelTests.removeCgroup(c);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ours(plugin.live).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(ours(plugin.live)).as("charts of the churned cgroups still live").isEmpty();
            Set<String> announced = ours(plugin.announced);
            assertThat(announced.stream().map(c -> c.substring(0, c.indexOf('.'))).distinct().count())
                    .as("cgroups charted").isGreaterThanOrEqualTo(1000);
            assertThat(ours(plugin.obsolete)).as("every chart of theirs declared obsolete").isEqualTo(announced);
            assertThat(ours(plugin.live)).hasSize(liveBefore);
        } finally {
            dev.ebpfmon.module.KernelTests.removeCgroup(parent);
        }
    }

    private static Set<String> ours(Set<String> charts) {
        Set<String> mine = new HashSet<>();
        charts.stream().filter(c -> c.startsWith("cgroup_ebpfmon-plugin-churn-")).forEach(mine::add);
        return mine;
    }
}
