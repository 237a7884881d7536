package dev.ebpfmon.sink.netdata;

/**
 * Free text (titles, names, units) as one word of a plugins.d line. Netdata's line splitter accepts
 * {@code '...'} and {@code "..."} but has no way to escape the quote itself, and it lets a backslash
 * swallow the following character, so the text is adjusted rather than escaped.
 */
final class QuotedText {
    private QuotedText() {}

    static void append(StringBuilder out, String text) {
        boolean hasSingle = text.indexOf('\'') >= 0;
        boolean hasDouble = text.indexOf('"') >= 0;
        // Prefer single quotes; fall back to double quotes for apostrophes; with both present the
        // apostrophes become back-ticks, which is the least surprising loss.
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote) {
                out.append('`');
            } else if (c == '\\') {
                out.append('/');
            } else if (Character.isISOControl(c)) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        out.append(quote);
    }
}
