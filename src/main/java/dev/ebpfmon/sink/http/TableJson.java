package dev.ebpfmon.sink.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ebpfmon.chart.LiveTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * A live table as JSON (/api/v1/connections): its columns (id, title, kind), its rows as arrays of
 * cells in column order (strings and numbers), and its notes.
 */
final class TableJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private TableJson() {}

    static byte[] of(LiveTable table, long updatedEpochSecond) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", table.id());
            json.writeStringField("title", table.title());
            json.writeNumberField("update_every", table.updateEvery());
            json.writeNumberField("updated", updatedEpochSecond);
            json.writeArrayFieldStart("columns");
            for (LiveTable.Column c : table.columns()) {
                json.writeStartObject();
                json.writeStringField("id", c.id());
                json.writeStringField("title", c.title());
                json.writeStringField("kind", c.kind().name().toLowerCase(Locale.ROOT));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("rows");
            for (var row : table.rows()) {
                json.writeStartArray();
                for (Object cell : row) {
                    switch (cell) {
                        case String s -> json.writeString(s);
                        case Double d -> json.writeNumber(d);
                        case Float f -> json.writeNumber(f);
                        case Number n -> json.writeNumber(n.longValue());
                        default -> json.writeString(String.valueOf(cell));
                    }
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("notes");
            for (String note : table.notes()) {
                json.writeString(note);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
