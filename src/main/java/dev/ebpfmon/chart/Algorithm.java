package dev.ebpfmon.chart;

/** How a dimension's collected values become displayed values; the names are Netdata's. */
public enum Algorithm {
    /** The collected value is shown as is (a gauge). */
    ABSOLUTE("absolute"),
    /** The collected value is a growing counter; its per-second rate is shown. */
    INCREMENTAL("incremental"),
    /** The collected value as a percentage of the sum of the row's collected values. */
    PERCENTAGE_OF_ABSOLUTE_ROW("percentage-of-absolute-row"),
    /** The counter's increase as a percentage of the increase of the whole row. */
    PERCENTAGE_OF_INCREMENTAL_ROW("percentage-of-incremental-row");

    private final String netdataName;

    Algorithm(String netdataName) {
        this.netdataName = netdataName;
    }

    /** The keyword of Netdata's {@code DIMENSION} line. */
    public String netdataName() {
        return netdataName;
    }
}
