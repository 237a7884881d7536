package dev.ebpfmon.module.softirq;

import dev.ebpfmon.module.Fields;

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
        long[] totals = new long[SoftirqVector.values().length];
        java.util.Arrays.fill(totals, ABSENT);
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) { // line 0: the CPU columns
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("/proc/softirqs line " + (i + 1) + ": no vector name: " + line);
            }
            SoftirqVector vector = vector(line.substring(0, colon));
            long sum = 0;
            for (String field : Fields.of(line.substring(colon + 1))) {
                if (field.isEmpty()) {
                    continue;
                }
                try {
                    sum += Long.parseLong(field);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("/proc/softirqs line " + (i + 1) + ": '" + field
                            + "' is not a count: " + line, e);
                }
            }
            if (vector != null) {
                totals[vector.ordinal()] = sum;
            }
        }
        return totals;
    }

    private static SoftirqVector vector(String name) {
        for (SoftirqVector v : SoftirqVector.values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
