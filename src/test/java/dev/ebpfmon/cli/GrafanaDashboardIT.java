package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.sink.prometheus.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of grafana/ebpfmon-dashboard.json returns data from Debian's Prometheus scraping a
 * live agent (bin/ebpfmon) with every module on, apps and cgroups charts, while a cgroup and a
 * service are busy ({@link CgroupWorkloads}).
 */
@Tag("kernel")
class GrafanaDashboardIT {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The expressions of the dashboard's targets, as Grafana would send them for one agent. */
    static List<String> queries(String dashboard) throws IOException {
        Set<String> exprs = new LinkedHashSet<>();
        collect(Json.parse(dashboard), exprs);
        return exprs.stream().map(e -> e.replace("$instance", ".*").replace("$__rate_interval", "15s")).toList();
    }

    private static void collect(Object node, Set<String> exprs) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("expr") instanceof String expr) {
                exprs.add(expr);
            }
            map.values().forEach(v -> collect(v, exprs));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, exprs));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void everyDashboardQueryHasDataFromALiveAgent(@TempDir Path dir) throws Exception {
        assertThat(PROMETHEUS).as("Debian's prometheus package (make test installs it)").isExecutable();
        List<String> queries = queries(Files.readString(GrafanaDashboardTest.FILE));
        assertThat(queries).hasSizeGreaterThan(20);
        Path config = AllModulesConfig.write(dir.resolve("config"));
        int agentPort = freePort();
        Process agent = null;
        Process prometheus = null;
        Path agentLog = dir.resolve("agent.log");
        Path promLog = dir.resolve("prometheus.log");
        try (CgroupWorkloads busy = CgroupWorkloads.start()) {
            agent = new ProcessBuilder(AgentIT.ebpfmon("--config-dir", config.toString(), "--listen",
                    "127.0.0.1:" + agentPort, "--token-file", dir.resolve("token").toString(), "--ticks", "600"))
                    .redirectErrorStream(true).redirectOutput(agentLog.toFile()).start();
            int port = freePort();
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: ebpfmon
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(agentPort));
            prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(promLog.toFile()).start();
            String api = "http://127.0.0.1:" + port;

            List<String> empty = new ArrayList<>(queries);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!empty.isEmpty() && System.nanoTime() < deadline) {
                assertThat(agent.isAlive()).as("agent exited:\n%s", Files.readString(agentLog)).isTrue();
                assertThat(prometheus.isAlive()).as("prometheus exited:\n%s", Files.readString(promLog)).isTrue();
                List<String> still = new ArrayList<>();
                for (String q : empty) {
                    if (!hasData(api, q)) {
                        still.add(q);
                    }
                }
                empty = still;
                if (!empty.isEmpty()) {
                    Thread.sleep(2000);
                }
            }
            assertThat(empty).as("dashboard queries without data after %s (agent log:\n%s)", WAIT,
                    Files.readString(agentLog)).isEmpty();
        } finally {
            if (prometheus != null) {
                prometheus.destroy();
                prometheus.waitFor(20, TimeUnit.SECONDS);
            }
            if (agent != null) {
                agent.destroy(); // SIGTERM: the shutdown hook detaches everything
                assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** Whether the query answers at least one series; false while Prometheus is not up yet. */
    @SuppressWarnings("unchecked")
    private boolean hasData(String api, String promql) throws InterruptedException {
        try {
            String url = api + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 400) {
                throw new AssertionError("Prometheus rejects " + promql + ": " + r.body());
            }
            if (r.statusCode() != 200) {
                return false;
            }
            Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) Json.parse(r.body())).get("data");
            return !((List<Object>) data.get("result")).isEmpty();
        } catch (IOException notYet) {
            return false;
        }
    }
}
