package dev.ebpfmon.module.socket;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.Placeholders;
import java.util.ArrayList;
import java.util.List;

/**
 * Netdata's network viewer charts ({@code ebpf.outbound_*}, {@code ebpf.inbound_*}): two
 * dimensions per charted destination or service (sent below the axis, received above), one for
 * retransmits, then {@code other}; and ebpfmon's chart of how full the viewer is.
 */
final class ViewerCharts {
    static final String FAMILY = "network connections";
    static final String OUTBOUND_OTHER = "other:ALL:other";
    static final String INBOUND_OTHER = "other:ALL";
    /** The catalog's stand-ins for what is known at run time only. */
    static final String OUTBOUND_PLACEHOLDER = Placeholders.SERVICE + ":" + Placeholders.of("PROTO") + ":"
            + Placeholders.of("host");
    static final String INBOUND_PLACEHOLDER = Placeholders.SERVICE + ":" + Placeholders.of("PROTO");

    private ViewerCharts() {}

    /** The five charts of the viewer with these charted aggregates (id, name). */
    static List<Chart> all(List<Aggregates.Aggregate> outbound, List<Aggregates.Aggregate> inbound, int updateEvery) {
        return List.of(
                sentRecv("outbound_bytes", "Outbound connections (bytes).", "bytes/s", 21080, outbound, OUTBOUND_OTHER,
                        updateEvery),
                sentRecv("outbound_packets", "Outbound connections (packets)", "packets", 21082, outbound,
                        OUTBOUND_OTHER, updateEvery),
                retransmits(outbound, updateEvery),
                sentRecv("inbound_bytes", "Inbound connections (bytes)", "bytes/s", 21084, inbound, INBOUND_OTHER,
                        updateEvery),
                sentRecv("inbound_packets", "Inbound connections (packets)", "packets", 21085, inbound, INBOUND_OTHER,
                        updateEvery));
    }

    /** The catalog: one placeholder destination and one placeholder service. */
    static List<Chart> catalog(int updateEvery) {
        List<Chart> charts = new ArrayList<>(all(
                List.of(new Aggregates.Aggregate(OUTBOUND_PLACEHOLDER, OUTBOUND_PLACEHOLDER, true)),
                List.of(new Aggregates.Aggregate(INBOUND_PLACEHOLDER, INBOUND_PLACEHOLDER, true)), updateEvery));
        charts.add(capacity(updateEvery));
        return charts;
    }

    private static Chart sentRecv(String id, String title, String units, int priority, List<Aggregates.Aggregate> charted,
            String other, int updateEvery) {
        List<Dimension> dimensions = new ArrayList<>(2 * charted.size() + 2);
        for (Aggregates.Aggregate a : charted) {
            dimensions.add(dimension(a.id + "_sent", a.name + "_sent").times(-1));
            dimensions.add(dimension(a.id + "_recv", a.name + "_recv"));
        }
        dimensions.add(dimension(other + "_sent", other + "_sent").times(-1));
        dimensions.add(dimension(other + "_recv", other + "_recv"));
        return chart(id, title, units, priority, dimensions, updateEvery);
    }

    private static Chart retransmits(List<Aggregates.Aggregate> charted, int updateEvery) {
        List<Dimension> dimensions = new ArrayList<>(charted.size() + 1);
        for (Aggregates.Aggregate a : charted) {
            dimensions.add(dimension(a.id, a.name));
        }
        dimensions.add(dimension(OUTBOUND_OTHER, OUTBOUND_OTHER));
        return chart("outbound_retransmit", "Retransmitted packets", "calls/s", 21083, dimensions, updateEvery);
    }

    /**
     * How the viewer fares against its caps: destinations and services with dimensions and in other
     * now, and the events so far of connections the kernel tables had no room for (a gauge like the
     * others, so that the chart is one kind of metric).
     */
    static Chart capacity(int updateEvery) {
        return Chart.builder("ebpf", "network_viewer_capacity")
                .title("Network viewer: destinations and services charted and counted in other; connections the kernel "
                        + "table had no room for")
                .units("connections").family(FAMILY).priority(21086).updateEvery(updateEvery).module("socket")
                .dimensions(Dimension.absolute("charted"), Dimension.absolute("other"),
                        Dimension.absolute("kernel_table_full"))
                .build();
    }

    private static Dimension dimension(String id, String name) {
        return new Dimension(id, name, Algorithm.INCREMENTAL, 1, 1, false);
    }

    private static Chart chart(String id, String title, String units, int priority, List<Dimension> dimensions,
            int updateEvery) {
        return Chart.builder("ebpf", id).title(title).units(units).family(FAMILY).chartType(ChartType.STACKED)
                .priority(priority).updateEvery(updateEvery).module("socket").dimensions(dimensions).build();
    }
}
