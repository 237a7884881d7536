package dev.ebpfmon.sink.http;

import java.io.IOException;
import java.io.OutputStream;

/** What answers {@code GET /metrics}: Prometheus text or OpenMetrics, chosen from the Accept header. */
public interface MetricsEndpoint {

    /** @param accept the request's Accept header, or null when it had none */
    String contentType(String accept);

    /** Writes the exposition in the format {@link #contentType} named for the same header. */
    void write(OutputStream out, String accept) throws IOException;
}
