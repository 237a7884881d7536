package dev.ebpfmon.sink.http;

import java.io.IOException;

/** The API token file cannot be created, read, or trusted; the message is one sentence for the user. */
public final class TokenFileException extends IOException {

    TokenFileException(String message) {
        super(message);
    }

    TokenFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
