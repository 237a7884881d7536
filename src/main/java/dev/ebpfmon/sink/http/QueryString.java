package dev.ebpfmon.sink.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a query string or form body, decoded strictly: a broken percent escape or bytes
 * that are not UTF-8 are the client's error, not something to guess around.
 */
final class QueryString {
    /** Far more than any real request of ours; longer ones are someone probing. */
    static final int MAX_LENGTH = 8192;

    private final Map<String, String> values;

    private QueryString(Map<String, String> values) {
        this.values = values;
    }

    /** @param raw the still-encoded text after {@code ?}; null for none */
    static QueryString parse(String raw) throws HttpError {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return new QueryString(values);
        }
        if (raw.length() > MAX_LENGTH) {
            throw HttpError.badRequest("the query string is longer than " + MAX_LENGTH + " characters");
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (values.putIfAbsent(name, value) != null) {
                throw HttpError.badRequest("parameter '" + name + "' is given more than once");
            }
        }
        return new QueryString(values);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A whole number, or {@code fallback} when absent. */
    long getLong(String name, long fallback) throws HttpError {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("parameter '" + name + "' must be a whole number, not '" + value + "'");
        }
    }

    /** A query component: {@code +} stands for a space. */
    static String decode(String encoded) throws HttpError {
        return decode(encoded, true);
    }

    /** A path: {@code +} is itself. */
    static String decodePath(String encoded) throws HttpError {
        return decode(encoded, false);
    }

    private static String decode(String encoded, boolean plusIsSpace) throws HttpError {
        if (encoded.indexOf('%') < 0 && (!plusIsSpace || encoded.indexOf('+') < 0)) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw HttpError.badRequest("broken percent escape in '" + encoded + "'");
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw HttpError.badRequest("broken percent escape in '" + encoded + "'");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                int codePoint = encoded.codePointAt(i);
                byte[] utf8 = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest("'" + encoded + "' does not decode to UTF-8 text");
        }
    }
}
