package dev.ebpfmon.module.softirq;

import dev.ebpfmon.module.TextCursor;
import java.nio.charset.StandardCharsets;

/**
 * Decodes /proc/softirqs: a header of CPU columns, then one row per vector ({@code NET_RX: 12 34}),
 * each vector's runs per online CPU. Pure: text in, totals out.
 */
final class ProcSoftirqs {
    /** A vector the file does not list. */
    static final long ABSENT = -1;

    private ProcSoftirqs() {}

    /**
     * Each vector's runs summed over the CPUs the file lists, in {@link SoftirqVector} order;
     * {@link #ABSENT} for a vector it does not list. Rows of vectors this build does not know are skipped.
     *
     * @throws IllegalArgumentException for a row that is not a name and numbers (with its line)
     */
    static long[] totals(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return totals(bytes, bytes.length);
    }

    /** {@link #totals(String)} of the file's bytes {@code [0, length)}, decoded in place (read every tick). */
    static long[] totals(byte[] bytes, int length) {
        long[] totals = new long[SoftirqVector.values().length];
        java.util.Arrays.fill(totals, ABSENT);
        TextCursor line = new TextCursor().reset(bytes, length);
        line.nextLine(); // the CPU columns
        while (line.nextLine()) {
            if (line.lineIsBlank()) {
                continue;
            }
            if (!line.fieldUpTo(':') || line.fieldStart() == line.fieldEnd()) {
                throw new IllegalArgumentException("/proc/softirqs line " + line.lineNumber() + ": no vector name: "
                        + line.line().strip());
            }
            SoftirqVector vector = vector(line);
            long sum = 0;
            while (line.nextField()) {
                if (!line.fieldIsCount()) {
                    throw new IllegalArgumentException("/proc/softirqs line " + line.lineNumber() + ": '" + line.field()
                            + "' is not a count: " + line.line().strip());
                }
                sum += line.count();
            }
            if (vector != null) {
                totals[vector.ordinal()] = sum;
            }
        }
        return totals;
    }

    private static SoftirqVector vector(TextCursor line) {
        for (SoftirqVector v : SoftirqVector.values()) {
            if (line.fieldIs(v.name())) {
                return v;
            }
        }
        return null;
    }
}
