package dev.ebpfmon.chart.golden;

/**
 * One way ebpfmon's charts differ from a module's golden.
 *
 * @param chart the chart's {@code type.id} (with placeholders)
 * @param field {@code title}, {@code units}, {@code family}, {@code context}, {@code type},
 *              {@code priority}, {@code chart} (missing or extra), {@code dimension <id>} (missing or
 *              extra), {@code dimension <id> <name|algorithm|multiplier|divisor|hidden>} or
 *              {@code dimension order}
 */
public record ChartDrift(String module, String chart, String field, String expected, String actual) {
    @Override
    public String toString() {
        return module + ": " + chart + ": " + field + ": golden '" + expected + "', ebpfmon '" + actual + "'";
    }
}
