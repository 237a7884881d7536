package dev.ebpfmon.sink.table;

/**
 * Formats a displayed value in at most {@link #MAX_WIDTH} characters: one decimal with thousands
 * separators below ten thousand ({@code 1,234.5}), an SI suffix above ({@code 12.3k}), and
 * {@code -} for a value that does not exist yet. Hand-written because it runs for every dimension
 * of every tick and {@code String.format} is both slow and locale-dependent.
 */
final class HumanNumber {
    static final int MAX_WIDTH = 7;
    static final String MISSING = "-";

    private static final char[] SUFFIXES = {'k', 'M', 'G', 'T', 'P', 'E'};
    /** In tenths: the largest magnitude printed without a suffix is 9,999.9. */
    private static final long PLAIN_LIMIT_TENTHS = 100_000;
    /** In tenths: a scaled mantissa stays below 1000.0, else the next suffix is used. */
    private static final long SCALED_LIMIT_TENTHS = 10_000;

    private HumanNumber() {}

    static void append(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            out.append(MISSING);
            return;
        }
        double magnitude = Math.abs(value);
        long tenths = Math.round(magnitude * 10);
        if (tenths < PLAIN_LIMIT_TENTHS) {
            appendSign(out, value, tenths);
            appendGrouped(out, tenths / 10);
            out.append('.').append(tenths % 10);
            return;
        }
        double scaled = magnitude;
        int suffix = -1;
        do {
            scaled /= 1000;
            suffix++;
            tenths = Math.round(scaled * 10);
        } while (tenths >= SCALED_LIMIT_TENTHS && suffix < SUFFIXES.length - 1);
        appendSign(out, value, tenths);
        out.append(tenths / 10).append('.').append(tenths % 10).append(SUFFIXES[suffix]);
    }

    static String format(double value) {
        var b = new StringBuilder(MAX_WIDTH);
        append(b, value);
        return b.toString();
    }

    private static void appendSign(StringBuilder out, double value, long tenths) {
        // A value that rounds to zero is shown as 0.0, never as -0.0.
        if (value < 0 && tenths != 0) {
            out.append('-');
        }
    }

    private static void appendGrouped(StringBuilder out, long whole) {
        if (whole >= 1000) {
            out.append(whole / 1000).append(',');
            long rest = whole % 1000;
            if (rest < 100) {
                out.append('0');
            }
            if (rest < 10) {
                out.append('0');
            }
            out.append(rest);
        } else {
            out.append(whole);
        }
    }
}
