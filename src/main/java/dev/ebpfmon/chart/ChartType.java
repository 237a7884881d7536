package dev.ebpfmon.chart;

/** How a dashboard draws a chart; the names are Netdata's. */
public enum ChartType {
    LINE("line"),
    AREA("area"),
    STACKED("stacked"),
    /** Only newer Netdata versions know it; older ones fall back to a line chart. */
    HEATMAP("heatmap");

    private final String netdataName;

    ChartType(String netdataName) {
        this.netdataName = netdataName;
    }

    /** The keyword of Netdata's {@code CHART} line. */
    public String netdataName() {
        return netdataName;
    }
}
