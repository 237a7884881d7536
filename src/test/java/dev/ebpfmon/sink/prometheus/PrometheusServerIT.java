package dev.ebpfmon.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.loader.LoadedModules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real BPF, real Prometheus: the fd and vfs modules feed {@link PrometheusExposition} every second,
 * a Debian {@code prometheus} binary (installed by {@code make test}, mk/prometheus.mk) scrapes it
 * every second on a port of its own, and a known workload shows up in PromQL.
 */
@Tag("kernel")
class PrometheusServerIT {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path WORKLOAD = Path.of("target/native/ebpfmon-workload").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int OPENS = 500;
    private static final String OPEN_SERIES =
            "ebpfmon_filesystem_file_descriptor_calls_total{dimension=\"open\",module=\"fd\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LoadedModules loadFdAndVfs() {
        return KernelTests.load(java.util.stream.Stream.of("fd", "vfs")
                .map(m -> KernelTests.request(ModuleCatalog.find(m).orElseThrow(),
                        KernelTests.settings(m).withLoadMode(LoadMode.RETURN).withPidTableSize(4096)))
                .toList());
    }

    @Test
    void prometheusScrapesTheWorkloadsOpens(@TempDir Path dir) throws Exception {
        assertThat(PROMETHEUS).as("Debian's prometheus package (make test installs it)").isExecutable();
        var exposition = new PrometheusExposition();
        var acceptHeaders = new ConcurrentLinkedQueue<String>();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        HttpServer server = null;
        Process prometheus = null;
        try (LoadedModules modules = loadFdAndVfs()) {
            assertThat(modules.statuses()).allSatisfy(s -> assertThat(s.runs()).as(s.toString()).isTrue());
            long[] ticksSoFar = {0};
            Runnable tick = () -> {
                List<Sample> samples = new ArrayList<>();
                Tick collected = new Tick();
                modules.running().forEach(m -> m.collector().collect(collected));
                samples.addAll(collected.samples());
                samples.add(syntheticLatency(++ticksSoFar[0]));
                exposition.update(samples);
            };
            tick.run();
            ticks.scheduleAtFixedRate(tick, 1, 1, TimeUnit.SECONDS);

            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/metrics", exchange -> {
                String accept = exchange.getRequestHeaders().getFirst("Accept");
                acceptHeaders.add(String.valueOf(accept));
                var body = new ByteArrayOutputStream();
                exposition.write(body, accept);
                exchange.getResponseHeaders().set("Content-Type", exposition.contentType(accept));
                exchange.sendResponseHeaders(200, body.size());
                try (var out = exchange.getResponseBody()) {
                    body.writeTo(out);
                }
            });
            server.start();

            int port = freePort();
            Path log = dir.resolve("prometheus.log");
            prometheus = startPrometheus(dir, server.getAddress().getPort(), port, log);
            String api = "http://127.0.0.1:" + port;
            awaitReady(api, prometheus, log);

            // the series exists before the workload, so increase() has a sample to start from
            List<Map<String, Object>> before = awaitResult(api, OPEN_SERIES, r -> !r.isEmpty(), log);
            double start = seconds(before.getFirst());
            runWorkload(dir.resolve("files"));

            List<Map<String, Object>> result = awaitResult(api, "increase(" + OPEN_SERIES + "[90s])",
                    r -> !r.isEmpty() && value(r.getFirst()) >= OPENS, log);
            assertThat(value(result.getFirst())).as("increase over 90 s").isGreaterThanOrEqualTo(OPENS);
            String increase = "increase(" + OPEN_SERIES + "[" + windowSince(start) + "s])";
            assertThat(value(query(api, increase).getFirst())).as(increase).isGreaterThanOrEqualTo(OPENS);

            // the label set as designed, plus the target labels Prometheus adds
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) query(api, OPEN_SERIES).getFirst().get("metric");
            assertThat(labels).containsOnlyKeys("__name__", "dimension", "module", "instance", "job")
                    .containsEntry("__name__", "ebpfmon_filesystem_file_descriptor_calls_total")
                    .containsEntry("job", "ebpfmon");
            // Netdata draws vfs writes below the axis; the Prometheus counter stays a positive total
            List<Map<String, Object>> writes = query(api,
                    "ebpfmon_filesystem_vfs_io_bytes_total{dimension=\"write\",module=\"vfs\"}");
            assertThat(writes).hasSize(1);
            assertThat(value(writes.getFirst())).isPositive();
            assertThat(query(api, "count by (__name__) ({__name__=~\"ebpfmon_filesystem_.*\", dimension=\"\"})"))
                    .as("every series has a dimension").isEmpty();
            assertThat(acceptHeaders).as("Prometheus negotiated OpenMetrics")
                    .allSatisfy(a -> assertThat(a).contains("application/openmetrics-text"));
            assertThat(metadataType(api, "ebpfmon_filesystem_file_descriptor_calls")).isEqualTo("counter");

            // Prometheus parses the histogram (OpenMetrics without _sum and _count) and can use it
            assertThat(query(api, "ebpfmon_disk_it_latency_seconds_bucket")).hasSize(24)
                    .allSatisfy(e -> assertThat(((Map<?, ?>) e.get("metric")).keySet().stream().map(Object::toString).toList()).containsExactlyInAnyOrder("__name__", "le",
                            "module", "instance", "job"));
            double median = value(query(api, "histogram_quantile(0.5, ebpfmon_disk_it_latency_seconds_bucket)")
                    .getFirst());
            assertThat(median).as("median of the (512 us, 1024 us] bucket").isBetween(512e-6, 1024e-6);
        } finally {
            ticks.shutdownNow();
            ticks.awaitTermination(10, TimeUnit.SECONDS);
            if (prometheus != null) {
                stop(prometheus);
            }
            if (server != null) {
                server.stop(0);
            }
        }
    }

    /** A Netdata-style latency chart: all calls in the (512 us, 1024 us] bucket, one more each tick. */
    private static Sample syntheticLatency(long tick) {
        List<String> names = HistogramHint.netdataLog2Names(24);
        List<Dimension> buckets = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            buckets.add(Dimension.incremental("b" + i).named(names.get(i)));
        }
        Chart chart = Chart.builder("disk", "it_latency").title("Synthetic latency").units("calls/s")
                .context("disk.it_latency").module("disk").dimensions(buckets).build();
        long[] counts = new long[24];
        counts[10] = tick;
        return new Sample(chart, counts);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Process startPrometheus(Path dir, int targetPort, int port, Path log) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: ebpfmon
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(targetPort));
        return new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady(String api, Process prometheus, Path log) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(prometheus.isAlive()).as("prometheus exited:\n%s", Files.readString(log)).isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/-/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready within " + WAIT + ":\n" + Files.readString(log));
    }

    private List<Map<String, Object>> awaitResult(String api, String promql,
            java.util.function.Predicate<List<Map<String, Object>>> done, Path log) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Map<String, Object>> last = List.of();
        while (System.nanoTime() < deadline) {
            last = query(api, promql);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(promql + " did not come true within " + WAIT + "; last result " + last
                + "\nprometheus log:\n" + Files.readString(log));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> query(String api, String promql) throws Exception {
        String url = api + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        Map<String, Object> answer = (Map<String, Object>) get(url);
        assertThat(answer).as(promql).containsEntry("status", "success");
        Map<String, Object> data = (Map<String, Object>) answer.get("data");
        assertThat(data).containsEntry("resultType", "vector");
        return (List<Map<String, Object>>) data.get("result");
    }

    @SuppressWarnings("unchecked")
    private String metadataType(String api, String family) throws Exception {
        Map<String, Object> answer = (Map<String, Object>) get(api + "/api/v1/metadata?metric=" + family);
        Map<String, List<Map<String, Object>>> data = (Map<String, List<Map<String, Object>>>) answer.get("data");
        assertThat(data).as("metadata of " + family).containsKey(family);
        return (String) data.get(family).getFirst().get("type");
    }

    private Object get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    /** The sample of an instant-vector element: [unix seconds, "value"]. */
    private static List<?> sample(Map<String, Object> element) {
        return (List<?>) element.get("value");
    }

    private static double seconds(Map<String, Object> element) {
        return ((Number) sample(element).get(0)).doubleValue();
    }

    private static double value(Map<String, Object> element) {
        return Double.parseDouble((String) sample(element).get(1));
    }

    /** Whole seconds from a little before {@code start} until now, for a range selector. */
    private static long windowSince(double start) {
        return (long) Math.ceil(System.currentTimeMillis() / 1000.0 - start) + 5;
    }

    private static void runWorkload(Path files) throws Exception {
        Files.createDirectories(files);
        Process p = new ProcessBuilder(WORKLOAD.toString(), files.toString(), "open:" + OPENS)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("workload finished").isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }
}
