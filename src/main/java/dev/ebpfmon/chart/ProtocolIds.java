package dev.ebpfmon.chart;

/**
 * Checks identifiers that are written unquoted on a plugins.d line. Netdata splits such a line on
 * white space and on {@code =} and treats quotes and backslashes specially, so an identifier
 * containing any of them would silently turn into other words.
 */
final class ProtocolIds {
    private ProtocolIds() {}

    static String require(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)
                    || c == '\'' || c == '"' || c == '=' || c == '\\') {
                throw new IllegalArgumentException(
                        what + " '" + value + "' must not contain white space, quotes, '=' or '\\'");
            }
        }
        return value;
    }

    static String requireText(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
