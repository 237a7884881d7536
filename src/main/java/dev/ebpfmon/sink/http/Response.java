package dev.ebpfmon.sink.http;

/**
 * A complete response, built before anything is sent, so that a failure half way becomes a clean
 * error status instead of a truncated body.
 *
 * @param cacheControl the {@code Cache-Control} header
 * @param allow        the {@code Allow} header of a 405, or null
 */
record Response(int status, String contentType, byte[] body, String cacheControl, String allow) {
    static final String JSON = "application/json";
    static final String NO_STORE = "no-store";

    static Response json(byte[] body) {
        return new Response(200, JSON, body, NO_STORE, null);
    }

    static Response error(HttpError e) {
        return new Response(e.status(), JSON, ApiJson.error(e.getMessage()), NO_STORE, e.allow());
    }
}
