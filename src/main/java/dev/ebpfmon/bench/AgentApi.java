package dev.ebpfmon.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The few calls of the standalone agent's JSON API the benchmark makes (Netdata's /api/v1 shapes). */
final class AgentApi {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A chart's rows: {@code labels} starts with "time"; each row is epoch second, then one value per dimension (NaN: none). */
    record Rows(List<String> labels, List<double[]> rows) {
        /** The mean of one dimension over the rows that have it; NaN when none has. */
        double mean(String dimension) {
            int at = labels.indexOf(dimension);
            if (at < 0) {
                throw new IllegalArgumentException("no dimension '" + dimension + "' in " + labels);
            }
            return rows.stream().mapToDouble(r -> r[at]).filter(Double::isFinite).average().orElse(Double.NaN);
        }
    }

    private final URI base;

    AgentApi(URI base) {
        this.base = base;
    }

    /** How many charts the history holds (0 before the first tick). */
    int chartCount() throws IOException, InterruptedException {
        return (int) info("charts_count");
    }

    /** The agent's estimate of the heap its history holds (rings of every dimension, preallocated). */
    long historyBytes() throws IOException, InterruptedException {
        return info("history_memory_bytes");
    }

    private long info(String field) throws IOException, InterruptedException {
        try (JsonParser p = JSON.createParser(get("/api/v1/info"))) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals(field)) {
                    p.nextToken();
                    return p.getLongValue();
                }
            }
        }
        throw new IOException("/api/v1/info has no " + field);
    }

    /** The chart's displayed values (rates, units applied) for epoch seconds {@code after..before}. */
    Rows data(String chart, long after, long before) throws IOException, InterruptedException {
        List<String> labels = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        try (JsonParser p = JSON.createParser(get("/api/v1/data?chart=" + chart + "&after=" + after + "&before=" + before))) {
            while (p.nextToken() != null) {
                if (p.currentToken() != JsonToken.FIELD_NAME) {
                    continue;
                }
                String field = p.currentName();
                p.nextToken();
                if (field.equals("labels")) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        labels.add(p.getText());
                    }
                } else if (field.equals("data")) {
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        List<Double> row = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            row.add(p.currentToken() == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue());
                        }
                        rows.add(row.stream().mapToDouble(Double::doubleValue).toArray());
                    }
                }
            }
        }
        return new Rows(labels, rows);
    }

    private byte[] get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }
}
