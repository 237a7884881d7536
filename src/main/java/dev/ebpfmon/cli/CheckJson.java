package dev.ebpfmon.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.kernel.FacilityLine;
import dev.ebpfmon.module.ModuleStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * `ebpfmon check --json`: the report of the text output, for machines (the kernel matrix reads
 * it). The document's shape is versioned by {@link #FORMAT}; fields are only ever added.
 */
final class CheckJson {
    static final String FORMAT = "ebpfmon-check/1";
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private CheckJson() {}

    static void write(CheckReport report, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            kernel(json, report);
            if (report.blocker().isPresent()) {
                json.writeStringField("blocker", report.blocker().get());
            }
            json.writeArrayFieldStart("attach_kinds");
            for (AttachSupport s : report.attachKinds()) {
                json.writeStartObject();
                json.writeStringField("kind", s.kind().name().toLowerCase(Locale.ROOT));
                json.writeStringField("label", s.kind().label());
                json.writeStringField("family", s.kind().family());
                json.writeBooleanField("works", s.works());
                json.writeStringField("reason", s.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("modules");
            for (CheckReport.ModuleLine line : report.modules()) {
                module(json, line);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void kernel(JsonGenerator json, CheckReport report) throws IOException {
        json.writeObjectFieldStart("kernel");
        json.writeStringField("release", report.release());
        json.writeArrayFieldStart("facilities");
        for (FacilityLine f : report.facilities()) {
            json.writeStartObject();
            json.writeStringField("facility", f.facility());
            json.writeStringField("status", f.status().name().toLowerCase(Locale.ROOT));
            json.writeStringField("detail", f.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void module(JsonGenerator json, CheckReport.ModuleLine line) throws IOException {
        ModuleStatus s = line.status();
        json.writeStartObject();
        json.writeStringField("module", s.module());
        json.writeStringField("state", state(s.state()));
        if (s.runs()) {
            json.writeStringField("how", s.how());
            json.writeStringField("description", line.description());
        } else {
            json.writeStringField("reason", s.reason());
        }
        json.writeEndObject();
    }

    /** The words of the text output: runs, cannot run, off. */
    static String state(ModuleStatus.State state) {
        return switch (state) {
            case RUNNING -> "runs";
            case UNAVAILABLE -> "cannot run";
            case DISABLED -> "off";
        };
    }
}
