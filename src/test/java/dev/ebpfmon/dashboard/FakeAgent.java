package dev.ebpfmon.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the agent's HTTP server: serves the dashboard from the classpath folder /web/ and
 * uPlot from its webjar exactly as the agent does, and answers the JSON API with values that move
 * every second, two modules, and a 401 for a wrong token.
 */
final class FakeAgent implements AutoCloseable {
    static final String TOKEN = "let-me-in";
    /** The agent serves uPlot's webjar folder for its pinned version under this version-less path. */
    private static final String UPLOT = "/webjars/uplot/";
    private static final JsonFactory JSON = new JsonFactory();
    /** A live table as the agent's /api/v1/connections writes one (TableJson). */
    static final String CONNECTIONS = """
            {"id":"connections","title":"Network connections","update_every":1,"updated":0,
             "columns":[{"id":"pid","title":"PID","kind":"number"},{"id":"process","title":"Process","kind":"text"},
                        {"id":"sent_rate","title":"Sent/s","kind":"bytes_per_second"},
                        {"id":"sent","title":"Sent","kind":"bytes"}],
             "rows":[[4242,"curl",10.0,100],[5151,"psql",25000.0,7]],
             "notes":["3 destinations are counted in other"]}""";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "json", "application/json");

    record Dim(String id, String name, double scale) {}

    record FakeChart(String id, String title, String units, String family, String module, int priority,
            String chartType, List<Dim> dims) {
        String type() {
            return id.substring(0, id.indexOf('.'));
        }
    }

    private final HttpServer server;
    private final long started = System.currentTimeMillis() / 1000;
    private final List<FakeChart> charts = new CopyOnWriteArrayList<>(List.of(
            new FakeChart("filesystem.file_descriptor", "Open and close calls", "calls/s", "file access", "fd", 2060,
                    "line", List.of(new Dim("open", "open", 40), new Dim("close", "close", 38))),
            new FakeChart("filesystem.file_error", "Open fails", "calls/s", "file access", "fd", 2061, "line",
                    List.of(new Dim("open", "open", 2), new Dim("close", "close", 1))),
            new FakeChart("filesystem.vfs_io", "Calls to IO", "calls/s", "vfs", "vfs", 2074, "line",
                    List.of(new Dim("vfs_read", "read", 900), new Dim("vfs_write", "write", -300))),
            new FakeChart("filesystem.vfs_io_bytes", "Bytes written and read", "bytes/s", "vfs", "vfs", 2075, "area",
                    List.of(new Dim("vfs_read", "read", 4.5e6), new Dim("vfs_write", "write", -1.2e6))),
            new FakeChart("system.process_thread", "Start process", "calls/s", "processes", "process", 21002,
                    "line", List.of(new Dim("process", "process", 6), new Dim("thread", "thread", 14))),
            new FakeChart("apps.file_open", "Number of open files", "calls/s", "file access", "fd", 20061, "stacked",
                    List.of(new Dim("bash", "bash", 5), new Dim("java", "java", 12), new Dim("sshd", "sshd", 2))),
            new FakeChart("netdata.ebpf_threads", "Threads info", "threads", "ebpf", "ebpfmon", 140000, "line",
                    List.of(new Dim("total", "total", 3), new Dim("running", "running", 3)))));
    private final Map<String, Map<String, Object>> modules = new ConcurrentHashMap<>();

    FakeAgent(int port) throws IOException {
        modules.put("fd", module("fd", "running", "tracepoint tp_btf: sys_enter (shared)", "", true));
        modules.put("cachestat", module("cachestat", "unavailable", "", "not implemented", true));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/v1/", this::api);
        server.createContext(UPLOT, ex -> resource(ex,
                "META-INF/resources/webjars/uplot/1.6.30/" + ex.getRequestURI().getPath().substring(UPLOT.length())));
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            resource(ex, "web" + (path.equals("/") ? "/index.html" : path));
        });
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** A chart that appears while the page is open, as when a module starts late. */
    void add(FakeChart chart) {
        charts.add(chart);
    }

    String moduleState(String name) {
        return (String) modules.get(name).get("state");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Map<String, Object> module(String name, String state, String how, String reason, boolean enabled) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", name);
        m.put("state", state);
        m.put("how", how);
        m.put("reason", reason);
        m.put("enabled", enabled);
        return m;
    }

    private void resource(HttpExchange ex, String path) throws IOException {
        try (ex) {
            if (path.contains("..") || !ex.getRequestMethod().equals("GET")) {
                send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            try (InputStream in = FakeAgent.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    send(ex, 404, "text/plain", ("no " + path).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                String ext = path.substring(path.lastIndexOf('.') + 1);
                send(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
            }
        }
    }

    private void api(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().substring("/api/v1/".length());
            Map<String, String> query = query(ex.getRequestURI());
            try {
                if (path.startsWith("modules/") && ex.getRequestMethod().equals("POST")) {
                    setModule(ex, path.substring("modules/".length()), query);
                    return;
                }
                switch (path) {
                    case "info" -> json(ex, 200, g -> {
                        g.writeStartObject();
                        g.writeStringField("version", "0.1-fake");
                        g.writeStringField("hostname", "fakehost");
                        g.writeNumberField("update_every", 1);
                        g.writeNumberField("history", 3600);
                        g.writeNumberField("history_bytes", 1 << 20);
                        g.writeArrayFieldStart("modules");
                        String[][] menu = {{"fd", "File access"}, {"vfs", "VFS"}, {"process", "Processes"}};
                        for (int i = 0; i < menu.length; i++) {
                            g.writeStartObject();
                            g.writeStringField("name", menu[i][0]);
                            g.writeStringField("title", menu[i][1]);
                            g.writeNumberField("order", i + 1);
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    });
                    case "charts" -> json(ex, 200, this::charts);
                    case "connections" -> send(ex, 200, "application/json", CONNECTIONS.getBytes(StandardCharsets.UTF_8));
                    case "data" -> data(ex, query);
                    case "modules" -> json(ex, 200, g -> {
                        g.writeStartArray();
                        for (String name : List.of("fd", "cachestat")) {
                            writeModule(g, modules.get(name));
                        }
                        g.writeEndArray();
                    });
                    default -> error(ex, 404, "no such API: " + path);
                }
            } catch (IllegalArgumentException e) {
                error(ex, 400, e.getMessage());
            }
        }
    }

    private void setModule(HttpExchange ex, String name, Map<String, String> query) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + TOKEN).equals(auth)) {
            error(ex, 401, "missing or wrong token");
            return;
        }
        Map<String, Object> m = modules.get(name);
        if (m == null) {
            error(ex, 404, "no module '" + name + "'");
            return;
        }
        boolean enabled = Boolean.parseBoolean(query.getOrDefault("enabled", "true"));
        m.put("enabled", enabled);
        m.put("state", enabled ? (name.equals("fd") ? "running" : "unavailable") : "disabled");
        m.put("reason", enabled ? (name.equals("fd") ? "" : "not implemented") : "disabled from the dashboard");
        json(ex, 200, g -> writeModule(g, m));
    }

    private static void writeModule(JsonGenerator g, Map<String, Object> m) throws IOException {
        g.writeStartObject();
        for (var e : m.entrySet()) {
            if (e.getValue() instanceof Boolean b) {
                g.writeBooleanField(e.getKey(), b);
            } else {
                g.writeStringField(e.getKey(), (String) e.getValue());
            }
        }
        g.writeEndObject();
    }

    private void charts(JsonGenerator g) throws IOException {
        long now = System.currentTimeMillis() / 1000;
        g.writeStartObject();
        g.writeStringField("hostname", "fakehost");
        g.writeNumberField("update_every", 1);
        g.writeNumberField("history", 3600);
        g.writeObjectFieldStart("charts");
        for (FakeChart c : charts) {
            g.writeObjectFieldStart(c.id());
            g.writeStringField("id", c.id());
            g.writeStringField("name", c.id());
            g.writeStringField("type", c.type());
            g.writeStringField("family", c.family());
            g.writeStringField("context", c.id());
            g.writeStringField("title", c.title());
            g.writeStringField("units", c.units());
            g.writeStringField("chart_type", c.chartType());
            g.writeNumberField("priority", c.priority());
            g.writeNumberField("update_every", 1);
            g.writeStringField("module", c.module());
            g.writeObjectFieldStart("dimensions");
            for (Dim d : c.dims()) {
                g.writeObjectFieldStart(d.id());
                g.writeStringField("name", d.name());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeNumberField("first_entry", started);
            g.writeNumberField("last_entry", now);
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private void data(HttpExchange ex, Map<String, String> query) throws IOException {
        String id = query.get("chart");
        FakeChart chart = charts.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        if (chart == null) {
            error(ex, 404, "no chart '" + id + "'");
            return;
        }
        long after = number(query, "after", -600);
        long points = number(query, "points", 600);
        if (after >= 0 || points <= 0) {
            throw new IllegalArgumentException("after must be negative and points positive");
        }
        long now = System.currentTimeMillis() / 1000;
        long step = Math.max(1, Math.ceilDiv(-after, points));
        json(ex, 200, g -> {
            g.writeStartObject();
            g.writeStringField("chart", id);
            g.writeArrayFieldStart("labels");
            g.writeString("time");
            for (Dim d : chart.dims()) {
                g.writeString(d.name());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("data");
            for (long t = now + after + 1; t <= now; t += step) {
                g.writeStartArray();
                g.writeNumber(t);
                for (int i = 0; i < chart.dims().size(); i++) {
                    // Nothing before the fake "started": the page must draw gaps for nulls.
                    if (t < started - 120) {
                        g.writeNull();
                    } else {
                        g.writeNumber(Math.round(wave(t, i) * chart.dims().get(i).scale() * 100) / 100.0);
                    }
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    // A different value every second, never zero, so a chart that stops updating is visible.
    private static double wave(long t, int dim) {
        return 1.2 + Math.sin(t / 9.0 + dim) * 0.5 + Math.sin(t * 1.7 + dim * 3) * 0.08;
    }

    private static long number(Map<String, String> query, String key, long fallback) {
        String v = query.get(key);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + v);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static void json(HttpExchange ex, int status, Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        }
        send(ex, status, "application/json", out.toByteArray());
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        json(ex, status, g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }
}
