package dev.ebpfmon.sink.prometheus;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Which labels a chart's series carry, decided by its context alone so that every series of a
 * metric family has the same label names.
 */
enum LabelScheme {
    /** Host charts: one series per dimension, labelled with the chart's own labels (a disk's). */
    HOST,
    /** {@code apps.*}: one dimension per application group, which becomes the {@code app} label. */
    APPS,
    /**
     * {@code cgroup.*}: one chart per cgroup, named by the chart type; {@code services.*}: one
     * dimension per systemd service. Both label the cgroup {@code cgroup}.
     */
    CGROUP;

    static final String DIMENSION = "dimension";
    static final String MODULE = "module";
    static final String APP = "app";
    static final String CGROUP_LABEL = "cgroup";
    private static final String CGROUP_TYPE_PREFIX = "cgroup_";

    static LabelScheme of(String context) {
        if (context.startsWith("apps.")) {
            return APPS;
        }
        if (context.startsWith("cgroup.") || context.startsWith("services.")) {
            return CGROUP;
        }
        return HOST;
    }

    /**
     * The labels of one series: of {@code dimension}, or of the whole chart when it is null (a
     * histogram, whose dimensions are its buckets). A label whose value would be empty is left out,
     * which is what Prometheus makes of an empty value anyway.
     */
    Labels labels(Chart chart, Dimension dimension) {
        List<String> names = new ArrayList<>(3);
        List<String> values = new ArrayList<>(3);
        switch (this) {
            case HOST -> {
                // what a keyed host chart is about (disk of disk_latency_io.<disk>): its charts share a context
                chart.labels().forEach((name, value) -> add(names, values, name, value));
                if (dimension != null) {
                    add(names, values, DIMENSION, dimension.name());
                }
            }
            case APPS -> {
                if (dimension != null) {
                    add(names, values, APP, dimension.name());
                }
            }
            case CGROUP -> {
                if (chart.type().equals(GroupFamilies.SERVICES)) {
                    // one dimension per systemd service: each is a cgroup
                    if (dimension != null) {
                        add(names, values, CGROUP_LABEL, dimension.name());
                    }
                } else {
                    add(names, values, CGROUP_LABEL, cgroupOf(chart));
                    // a cgroup chart with one dimension charts one quantity, as an apps chart's
                    // dimension does: naming it would only set cgroups apart from applications
                    if (dimension != null && chart.dimensions().size() > 1) {
                        add(names, values, DIMENSION, dimension.name());
                    }
                }
            }
        }
        add(names, values, MODULE, chart.module());
        return Labels.of(names, values);
    }

    /** {@code cgroup_<name>} is Netdata's chart type for a cgroup; other types are kept whole. */
    static String cgroupOf(Chart chart) {
        String type = chart.type();
        return type.startsWith(CGROUP_TYPE_PREFIX) && type.length() > CGROUP_TYPE_PREFIX.length()
                ? type.substring(CGROUP_TYPE_PREFIX.length())
                : type;
    }

    private static void add(List<String> names, List<String> values, String name, String value) {
        if (!value.isEmpty()) {
            names.add(name);
            values.add(value);
        }
    }
}
