package dev.ebpfmon.chart.golden;

import java.util.Map;

/**
 * Run-time keys in chart goldens. A golden writes a chart that exists once per cgroup as
 * {@code cgroup_<name>.file_open}, an apps chart's one dimension per application group as
 * {@code DIMENSION <app>}, a disk's chart as {@code disk_latency_io.<disk>}. To render ebpfmon's
 * charts in that form, build them with the run-time key set to the marker below (a cgroup named
 * {@value #CGROUP}, an application group {@value #APP}, a disk {@value #DISK}, ...): the renderer
 * replaces every marker, wherever it appears in a chart's or dimension's text, by its placeholder.
 * The markers are valid in ids (letters and underscores), so any chart builder accepts them.
 */
public final class Placeholders {
    /** The cgroup's name in {@code cgroup_<name>}. */
    public static final String CGROUP = "GOLDEN_NAME";
    /** The one dimension per application group of an apps chart. */
    public static final String APP = "GOLDEN_APP";
    /** The one dimension per systemd service of a services chart. */
    public static final String SERVICE = "GOLDEN_SERVICE";
    /** The block device of {@code disk_latency_io.<disk>}. */
    public static final String DISK = "GOLDEN_DISK";
    /** The IRQ action name of a hardirq dimension. */
    public static final String IRQ = "GOLDEN_IRQ";
    /** The md unit number of {@code md<unit>}. */
    public static final String UNIT = "GOLDEN_UNIT";
    /** The one dimension per module of {@code netdata.ebpf_threads}. */
    public static final String MODULE = "GOLDEN_MODULE";
    /** The protocol and host of the network viewer's dimensions. */
    public static final String PROTO = "GOLDEN_PROTO";
    public static final String HOST = "GOLDEN_HOST";

    private static final Map<String, String> PLACEHOLDER = Map.of(CGROUP, "<name>", APP, "<app>",
            SERVICE, "<service>", DISK, "<disk>", IRQ, "<irq>", UNIT, "<unit>", MODULE, "<module>",
            PROTO, "<PROTO>", HOST, "<host>");

    private Placeholders() {}

    /** The text with every marker replaced by its placeholder. */
    public static String substitute(String text) {
        if (!text.contains("GOLDEN_")) {
            return text;
        }
        String result = text;
        for (var entry : PLACEHOLDER.entrySet()) {
            result = result.replace(entry.getKey(), entry.getValue());
        }
        return result;
    }
}
