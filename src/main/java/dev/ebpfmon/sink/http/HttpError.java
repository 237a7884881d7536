package dev.ebpfmon.sink.http;

/** A request the server refuses; becomes a JSON {@code {"error": message}} with the status. */
final class HttpError extends Exception {
    private final int status;
    /** For 405: the methods the path does allow. */
    private final String allow;

    HttpError(int status, String message) {
        this(status, message, null);
    }

    private HttpError(int status, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
    }

    int status() {
        return status;
    }

    /** The {@code Allow} header of a 405, or null. */
    String allow() {
        return allow;
    }

    static HttpError methodNotAllowed(String method, String allowed) {
        return new HttpError(405, "method " + method + " is not allowed here; use " + allowed, allowed);
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }
}
