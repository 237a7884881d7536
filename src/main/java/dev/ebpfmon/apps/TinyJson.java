package dev.ebpfmon.apps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, small JSON reader for the container runtimes' metadata files (ebpfmon's apps layer
 * depends on the JDK only). Objects become maps, arrays lists, numbers doubles.
 */
final class TinyJson {

    static final class JsonException extends Exception {
        JsonException(String message, int at) {
            super(message + " at offset " + at);
        }
    }

    private final String s;
    private int i;

    private TinyJson(String s) {
        this.s = s;
    }

    static Object parse(String text) throws JsonException {
        TinyJson p = new TinyJson(text);
        Object v = p.value();
        p.blanks();
        if (p.i != text.length()) {
            throw new JsonException("trailing characters", p.i);
        }
        return v;
    }

    private Object value() throws JsonException {
        blanks();
        if (i >= s.length()) {
            throw new JsonException("unexpected end", i);
        }
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() throws JsonException {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        blanks();
        if (peek('}')) {
            i++;
            return m;
        }
        while (true) {
            blanks();
            if (!peek('"')) {
                throw new JsonException("expected a key", i);
            }
            String key = string();
            blanks();
            expect(':');
            m.put(key, value());
            blanks();
            if (peek(',')) {
                i++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> array() throws JsonException {
        List<Object> l = new ArrayList<>();
        i++;
        blanks();
        if (peek(']')) {
            i++;
            return l;
        }
        while (true) {
            l.add(value());
            blanks();
            if (peek(',')) {
                i++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    private String string() throws JsonException {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                break;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw new JsonException("short \\u escape", i);
                    }
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new JsonException("bad \\u escape", i);
                    }
                    i += 4;
                }
                default -> throw new JsonException("bad escape \\" + e, i - 1);
            }
        }
        throw new JsonException("unterminated string", i);
    }

    private Double number() throws JsonException {
        int from = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        try {
            return Double.valueOf(s.substring(from, i));
        } catch (NumberFormatException e) {
            throw new JsonException("unexpected character", from);
        }
    }

    private Object word(String w, Object v) throws JsonException {
        if (!s.startsWith(w, i)) {
            throw new JsonException("unexpected character", i);
        }
        i += w.length();
        return v;
    }

    private void blanks() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) throws JsonException {
        if (!peek(c)) {
            throw new JsonException("expected '" + c + "'", i);
        }
        i++;
    }
}
