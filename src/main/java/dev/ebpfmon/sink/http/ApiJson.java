package dev.ebpfmon.sink.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.History;
import dev.ebpfmon.chart.HistoryChart;
import dev.ebpfmon.chart.HistoryRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The JSON documents of the API, written with Jackson's streaming generator; keys are Netdata's. */
final class ApiJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private ApiJson() {}

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] document(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; a generator bug should not pass as a client error.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] error(String message) {
        return document(json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        });
    }

    static byte[] info(AgentInfo agent, History history) {
        return document(json -> {
            json.writeStartObject();
            json.writeStringField("version", agent.version());
            json.writeStringField("hostname", agent.hostname());
            json.writeNumberField("update_every", agent.updateEvery());
            json.writeNumberField("history", history.seconds());
            json.writeNumberField("history_memory_bytes", history.memoryBytes());
            json.writeNumberField("charts_count", history.charts().size());
            json.writeArrayFieldStart("modules");
            for (AgentInfo.MenuEntry m : agent.modules()) {
                json.writeStartObject();
                json.writeStringField("name", m.name());
                json.writeStringField("title", m.title());
                json.writeNumberField("order", m.order());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    static byte[] charts(AgentInfo agent, History history) {
        return document(json -> {
            json.writeStartObject();
            json.writeStringField("hostname", agent.hostname());
            json.writeStringField("version", agent.version());
            json.writeNumberField("update_every", agent.updateEvery());
            json.writeNumberField("history", history.seconds());
            json.writeObjectFieldStart("charts");
            for (HistoryChart c : history.charts()) {
                json.writeFieldName(c.chart().fullId());
                chart(json, c);
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void chart(JsonGenerator json, HistoryChart entry) throws IOException {
        Chart c = entry.chart();
        json.writeStartObject();
        json.writeStringField("id", c.fullId());
        json.writeStringField("name", c.type() + "." + (c.name().isEmpty() ? c.id() : c.name()));
        json.writeStringField("type", c.type());
        json.writeStringField("family", c.family());
        json.writeStringField("context", c.context());
        json.writeStringField("title", c.title());
        json.writeStringField("units", c.units());
        json.writeStringField("chart_type", c.chartType().netdataName());
        json.writeNumberField("priority", c.priority());
        json.writeNumberField("update_every", c.updateEvery());
        json.writeStringField("plugin", c.plugin());
        json.writeStringField("module", c.module());
        json.writeObjectFieldStart("dimensions");
        for (Dimension d : entry.dimensions()) {
            json.writeObjectFieldStart(d.id());
            json.writeStringField("name", d.name());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeNumberField("first_entry", entry.firstEntry());
        json.writeNumberField("last_entry", entry.lastEntry());
        json.writeEndObject();
    }

    static byte[] data(HistoryRows rows) {
        return document(json -> {
            json.writeStartObject();
            json.writeStringField("chart", rows.chart().fullId());
            json.writeArrayFieldStart("labels");
            json.writeString("time");
            for (Dimension d : rows.dimensions()) {
                json.writeString(d.name());
            }
            json.writeEndArray();
            json.writeArrayFieldStart("data");
            for (HistoryRows.Row row : rows.rows()) {
                json.writeStartArray();
                json.writeNumber(row.epochSecond());
                for (double v : row.values()) {
                    if (Double.isFinite(v)) {
                        json.writeNumber(v);
                    } else {
                        json.writeNull();
                    }
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    static byte[] modules(List<ModuleRow> rows) {
        return document(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("modules");
            for (ModuleRow row : rows) {
                moduleRow(json, row);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    static byte[] module(ModuleRow row) {
        return document(json -> moduleRow(json, row));
    }

    private static void moduleRow(JsonGenerator json, ModuleRow row) throws IOException {
        json.writeStartObject();
        json.writeStringField("module", row.module());
        json.writeStringField("state", row.state());
        json.writeStringField("how", row.how());
        json.writeStringField("reason", row.reason());
        json.writeBooleanField("enabled", row.enabled());
        json.writeEndObject();
    }

    /**
     * The {@code enabled} member of a JSON object body such as {@code {"enabled": true}}.
     *
     * @return empty when the object has no such member
     */
    static Optional<Boolean> enabledField(byte[] body) throws HttpError {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw HttpError.badRequest("the body must be a JSON object like {\"enabled\": true}");
            }
            Boolean enabled = null;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("enabled".equals(name)) {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                        throw HttpError.badRequest("'enabled' must be true or false");
                    }
                    enabled = value == JsonToken.VALUE_TRUE;
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw HttpError.badRequest("the body holds more than one JSON value");
            }
            return Optional.ofNullable(enabled);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HttpError.badRequest("the body cannot be read: " + e.getMessage());
        }
    }
}
