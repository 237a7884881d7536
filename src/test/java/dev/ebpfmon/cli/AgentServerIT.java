package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.dashboard.DashboardChecks;
import dev.ebpfmon.dashboard.HeadlessChromium;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The packaged agent as a person starts it: its HTTP API, Prometheus endpoint and dashboard, for real. */
@Tag("kernel")
class AgentServerIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Process agent;
    private static Path tokenFile;
    private static URI base;
    private static int port;

    @BeforeAll
    static void startAgent() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        tokenFile = Files.createTempDirectory("ebpfmon-it").resolve("api-token");
        List<String> command = new ArrayList<>(AgentIT.ebpfmon("--config-dir", AgentIT.DEFAULTS, "--listen",
                "127.0.0.1:" + port, "--token-file", tokenFile.toString(), "--ticks", "300"));
        agent = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("ebpfmon-agent", ".log").toFile()).start();
        base = URI.create("http://127.0.0.1:" + port + "/");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (get("api/v1/data?chart=filesystem.file_descriptor&after=-5").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the agent is still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the agent did not serve data within 60 s");
    }

    @AfterAll
    static void stopAgent() throws Exception {
        agent.destroy(); // SIGTERM: the shutdown hook detaches everything
        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesChartsDataAndPrometheusMetricsOfAKnownWorkload() throws Exception {
        assertThat(get("api/v1/charts").body()).contains("\"filesystem.file_descriptor\"").contains("\"netdata.ebpf_threads\"");
        Path dir = Files.createTempDirectory("ebpfmon-wl");
        Process workload = new ProcessBuilder(Path.of("target/native/ebpfmon-workload").toAbsolutePath().toString(), dir.toString(), "open:2000")
                .start();
        assertThat(workload.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(2500);
        String data = get("api/v1/data?chart=filesystem.file_descriptor&after=-10").body();
        double peak = java.util.Arrays.stream(data.replaceAll(".*\"data\":\\[", "").split("\\],\\["))
                .map(row -> row.replaceAll("[\\[\\]}]", "").split(",")[1])
                .filter(v -> !v.equals("null")).mapToDouble(Double::parseDouble).max().orElse(0);
        assertThat(peak).as(data).isGreaterThanOrEqualTo(2000);
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(base.resolve("metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
        assertThat(metrics.body()).containsPattern("ebpfmon_filesystem_file_descriptor_calls_total\\{dimension=\"open\",module=\"fd\"\\} \\d+");
        assertThat(get("api/v1/data?chart=nope").statusCode()).isEqualTo(400);
        assertThat(get("api/v1/data?chart=filesystem.vfs_io&after=10&before=5").statusCode()).isEqualTo(400);
    }

    @Test
    void switchingAModuleNeedsTheTokenAndReallyDetachesIt() throws Exception {
        HttpRequest.Builder off = HttpRequest.newBuilder(base.resolve("api/v1/modules/vfs?enabled=false"))
                .POST(HttpRequest.BodyPublishers.noBody());
        assertThat(HTTP.send(off.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(Files.getPosixFilePermissions(tokenFile)).containsOnly(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String token = Files.readString(tokenFile).strip();
        HttpResponse<String> done = HTTP.send(off.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("\"state\":\"disabled\"");
        assertThat(get("api/v1/modules").body()).contains("switched off at run time");
        HttpResponse<String> on = HTTP.send(HttpRequest.newBuilder(base.resolve("api/v1/modules/vfs?enabled=true"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(on.body()).contains("\"state\":\"running\"");
    }

    @Test
    void aSecondAgentOnTheSamePortSaysSoAndExits() throws Exception {
        AgentIT.Result r = AgentIT.run(AgentIT.ebpfmon("--config-dir", AgentIT.DEFAULTS, "--listen", "127.0.0.1:" + port,
                "--token-file", tokenFile.toString(), "--ticks", "5"), 120);
        assertThat(r.exit()).isEqualTo(ExitCodes.PORT_IN_USE);
        assertThat(r.err()).contains("127.0.0.1:" + port + " is already in use");
    }

    @Test
    void theDashboardDrawsLiveChartsInHeadlessChromium() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            DashboardChecks.run(chromium.driver(), base, Path.of("target/screenshots/agent"));
        }
    }
}
