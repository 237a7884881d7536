package dev.ebpfmon.sink.http;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.History;
import dev.ebpfmon.chart.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
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
import java.util.TreeMap;

/** A started server over a small history and in-memory modules, plus a client for it. */
final class TestAgent implements AutoCloseable {
    static final Chart VFS = Chart.builder("filesystem", "vfs_io").title("VFS calls").units("calls/s")
            .family("vfs").context("filesystem.vfs_io").chartType(ChartType.STACKED).priority(2000)
            .module("vfs").dimensions(Dimension.incremental("read"), Dimension.incremental("write").times(-1))
            .build();
    static final long START = 1_700_000_000L;

    final History history = new History(120);
    final Map<String, ModuleRow> modules = new TreeMap<>();
    final List<String> acceptHeaders = new ArrayList<>();
    final Path tokenFile;
    final AgentServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestAgent(Path dir, InetSocketAddress address) throws IOException {
        modules.put("fd", new ModuleRow("fd", "running", "tracepoint", "", true));
        modules.put("vfs", new ModuleRow("vfs", "running", "tracepoint", "", true));
        for (long t = START; t < START + 10; t++) {
            long n = t - START;
            // read grows 10/s; write 4/s but stalls at second 5 so a rate is missing there
            history.record(t, List.of(Sample.of(VFS, 10 * n, n == 5 ? 0 : 4 * n)));
        }
        MetricsEndpoint metrics = new MetricsEndpoint() {
            @Override
            public String contentType(String accept) {
                return accept != null && accept.contains("openmetrics")
                        ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                        : "text/plain; version=0.0.4; charset=utf-8";
            }

            @Override
            public void write(OutputStream out, String accept) throws IOException {
                synchronized (acceptHeaders) {
                    acceptHeaders.add(String.valueOf(accept));
                }
                out.write("ebpfmon_test 1\n".getBytes(StandardCharsets.UTF_8));
            }
        };
        tokenFile = dir.resolve("etc/ebpfmon/api.token");
        server = new AgentServer(address, new AgentInfo("0.1.0-test", "testhost", 1, java.util.List.of(new AgentInfo.MenuEntry("fd", "File descriptors", 2))), history, metrics,
                () -> List.copyOf(snapshot()), this::setEnabled, tokenFile, "http-test-web/");
        server.start();
    }

    private synchronized List<ModuleRow> snapshot() {
        return new ArrayList<>(modules.values());
    }

    private synchronized ModuleRow setEnabled(String module, boolean enabled) {
        ModuleRow row = modules.get(module);
        if (row == null) {
            throw new IllegalArgumentException("unknown module " + module);
        }
        ModuleRow changed = new ModuleRow(module, enabled ? "running" : "disabled", enabled ? row.how() : "",
                enabled ? "" : "disabled through the API", enabled);
        modules.put(module, changed);
        return changed;
    }

    String token() throws IOException {
        return Files.readString(tokenFile).strip();
    }

    URI uri(String pathAndQuery) {
        InetSocketAddress a = server.address();
        String host = a.getAddress() instanceof java.net.Inet6Address ? "[::1]" : a.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + a.getPort() + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
