package dev.ebpfmon.sink.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ebpfmon.chart.History;
import dev.ebpfmon.chart.HistoryRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/** Every request of the agent's server: builds the whole response, then sends it. */
final class Router implements HttpHandler {
    private static final System.Logger LOG = System.getLogger("ebpfmon.http");
    private static final String MODULES = "/api/v1/modules";
    private static final String UPLOT = "/webjars/uplot/";
    private static final int MAX_BODY_BYTES = 4096;
    /** Below this, compressing costs more than it saves. */
    private static final int GZIP_MIN_BYTES = 1024;
    /** Netdata's default window of /api/v1/data. */
    private static final long DEFAULT_AFTER = -600;

    private final AgentInfo agent;
    private final History history;
    private final MetricsEndpoint metrics;
    private final StatusSource status;
    private final ModuleControl control;
    private final ApiToken token;
    private final HostCheck hosts;
    private final StaticFiles web;
    private final StaticFiles uplot = new StaticFiles("META-INF/resources/webjars/uplot/1.6.30/");

    Router(AgentInfo agent, History history, MetricsEndpoint metrics, StatusSource status,
            ModuleControl control, ApiToken token, HostCheck hosts, String webRoot) {
        this.web = new StaticFiles(webRoot);
        this.agent = agent;
        this.history = history;
        this.metrics = metrics;
        this.status = status;
        this.control = control;
        this.token = token;
        this.hosts = hosts;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            Response response;
            try {
                response = route(exchange);
            } catch (HttpError e) {
                response = Response.error(e);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "answering " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath() + " failed", e);
                response = Response.error(new HttpError(500, "internal error: " + e));
            }
            send(exchange, response);
        } catch (IOException e) {
            // The client went away; nothing to tell anyone.
        }
    }

    private Response route(HttpExchange exchange) throws HttpError, IOException {
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath();
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw HttpError.badRequest("the request target must be a path");
        }
        if (rawPath.length() + (uri.getRawQuery() == null ? 0 : uri.getRawQuery().length()) > QueryString.MAX_LENGTH) {
            throw HttpError.badRequest("the request target is longer than " + QueryString.MAX_LENGTH + " characters");
        }
        hosts.check(exchange.getRequestHeaders().getFirst("Host"));
        String path = QueryString.decodePath(rawPath);
        String method = exchange.getRequestMethod();
        QueryString query = QueryString.parse(uri.getRawQuery());
        return switch (path) {
            case "/api/v1/info" -> get(method, () -> Response.json(ApiJson.info(agent, history)));
            case "/api/v1/charts" -> get(method, () -> Response.json(ApiJson.charts(agent, history)));
            case "/api/v1/data" -> get(method, () -> data(query));
            case MODULES -> get(method, () -> Response.json(ApiJson.modules(status.modules())));
            case "/metrics" -> get(method, () -> metrics(exchange));
            case "/api/v1/connections" -> get(method, () -> table("connections"));
            default -> {
                if (path.startsWith(MODULES + "/")) {
                    yield setModule(exchange, path.substring(MODULES.length() + 1), query);
                }
                if (path.startsWith("/api/")) {
                    throw HttpError.notFound("no API endpoint " + path);
                }
                boolean library = path.startsWith(UPLOT);
                StaticFiles files = library ? uplot : web;
                String relative = path.substring(library ? UPLOT.length() : 1);
                yield get(method, () -> files.find(relative)
                        .map(f -> new Response(200, f.contentType(), f.body(),
                                // The library's path carries its version; the dashboard's does not.
                                library ? "public, max-age=31536000, immutable" : "no-cache", null))
                        .orElseThrow(() -> HttpError.notFound("no such file " + path)));
            }
        };
    }

    @FunctionalInterface
    private interface Answer {
        Response get() throws HttpError, IOException;
    }

    private static Response get(String method, Answer answer) throws HttpError, IOException {
        if (!method.equals("GET")) {
            throw HttpError.methodNotAllowed(method, "GET");
        }
        return answer.get();
    }

    private Response data(QueryString query) throws HttpError {
        String chart = query.get("chart").filter(c -> !c.isBlank())
                .orElseThrow(() -> HttpError.badRequest("parameter 'chart' is required"));
        long after = query.getLong("after", DEFAULT_AFTER);
        long before = query.getLong("before", 0);
        long points = query.getLong("points", Integer.MAX_VALUE);
        if (points < 1) {
            throw HttpError.badRequest("parameter 'points' must be at least 1, not " + points);
        }
        if (after > 0 && before > 0 && after > before) {
            throw HttpError.badRequest("parameter 'after' (" + after + ") is later than 'before' (" + before + ")");
        }
        Optional<HistoryRows> rows;
        try {
            rows = history.query(chart, after, before, (int) Math.min(points, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return Response.json(ApiJson.data(rows.orElseThrow(
                () -> HttpError.badRequest("unknown chart '" + chart + "'"))));
    }

    /** The latest live table of an id (e.g. the network viewer's connections), as collectors publish it. */
    private Response table(String id) throws HttpError {
        return Response.json(TableJson.of(history.table(id).orElseThrow(() -> HttpError.notFound("no live table '" + id
                + "': nothing publishes it now (the connections table needs the socket module and "
                + "[ebpf programs] network connections = yes)")), history.latestSecond().orElse(0L)));
    }

    private Response metrics(HttpExchange exchange) throws IOException {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        metrics.write(body, accept);
        return new Response(200, metrics.contentType(accept), body.toByteArray(), Response.NO_STORE, null);
    }

    private Response setModule(HttpExchange exchange, String module, QueryString query)
            throws HttpError, IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("POST")) {
            throw HttpError.methodNotAllowed(method, "POST");
        }
        if (!token.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            throw new HttpError(401, "this request needs 'Authorization: Bearer <token>' with the agent's API token");
        }
        if (module.isEmpty() || module.indexOf('/') >= 0) {
            throw HttpError.notFound("no API endpoint " + MODULES + "/" + module);
        }
        boolean enabled = enabled(query, exchange);
        try {
            return Response.json(ApiJson.module(control.setEnabled(module, enabled)));
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound("unknown module '" + module + "'");
        }
    }

    /** {@code enabled} from the query string, else from a form or JSON body. */
    private static boolean enabled(QueryString query, HttpExchange exchange) throws HttpError, IOException {
        Optional<String> text = query.get("enabled");
        if (text.isEmpty()) {
            byte[] body = readBody(exchange.getRequestBody());
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            boolean json = (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json"))
                    || (body.length > 0 && body[0] == '{');
            if (json) {
                return ApiJson.enabledField(body).orElseThrow(
                        () -> HttpError.badRequest("parameter 'enabled' is required (true or false)"));
            }
            text = QueryString.parse(new String(body, StandardCharsets.ISO_8859_1).strip()).get("enabled");
        }
        return switch (text.orElseThrow(() -> HttpError.badRequest("parameter 'enabled' is required (true or false)"))) {
            case "true" -> true;
            case "false" -> false;
            case String other -> throw HttpError.badRequest("parameter 'enabled' must be true or false, not '" + other + "'");
        };
    }

    private static byte[] readBody(InputStream in) throws HttpError, IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new HttpError(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Cache-Control", response.cacheControl());
        headers.set("X-Content-Type-Options", "nosniff");
        if (response.status() == 401) {
            headers.set("WWW-Authenticate", "Bearer");
        }
        if (response.allow() != null) {
            headers.set("Allow", response.allow());
        }
        byte[] body = response.body();
        if (body.length >= GZIP_MIN_BYTES && acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))
                && !response.contentType().startsWith("image/png") && !response.contentType().startsWith("font/")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4);
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(body);
            }
            body = zipped.toByteArray();
            headers.set("Content-Encoding", "gzip");
            headers.set("Vary", "Accept-Encoding");
        }
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] codingAndParams = part.strip().split(";");
            if (codingAndParams[0].strip().equalsIgnoreCase("gzip")) {
                return codingAndParams.length < 2 || !codingAndParams[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }
}
