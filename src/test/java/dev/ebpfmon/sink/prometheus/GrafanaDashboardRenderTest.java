package dev.ebpfmon.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's layout and queries for a handful of charts of each kind. */
class GrafanaDashboardRenderTest {

    static Chart chart(String type, String id, String context, String units, String module, Dimension... dims) {
        return Chart.builder(type, id).title(id + " title.").units(units).context(context).module(module)
                .chartType(ChartType.LINE).dimensions(dims).build();
    }

    static final List<Chart> CHARTS = List.of(
            chart("filesystem", "vfs_io", "filesystem.vfs_io", "calls/s", "vfs", Dimension.incremental("read")),
            chart("apps", "vfs_write_call", "apps.vfs_write_call", "calls/s", "vfs", Dimension.incremental("bash")),
            chart("cgroup_db", "vfs_write_call", "cgroup.vfs_write", "calls/s", "vfs", Dimension.incremental("calls")),
            chart("cgroup_web", "vfs_write_call", "cgroup.vfs_write", "calls/s", "vfs", Dimension.incremental("calls")),
            chart("services", "vfs_write_call", "services.vfs_write", "calls/s", "vfs", Dimension.incremental("ssh")),
            chart("system", "process_status", "system.process_status", "difference", "process",
                    Dimension.absolute("zombie")),
            chart("disk", "sda_latency", "disk.latency_io", "calls/s", "disk",
                    HistogramHint.netdataLog2Names(3).stream().map(n -> Dimension.incremental(n.replace(">", "")).named(n))
                            .toArray(Dimension[]::new)),
            chart("netdata", "ebpf_agent_rss", "netdata.ebpf_agent_rss", "bytes", "process",
                    Dimension.absolute("rss")));

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> panels() throws IOException {
        Map<String, Object> dashboard = (Map<String, Object>) Json.parse(GrafanaDashboard.render(CHARTS));
        return (List<Map<String, Object>>) dashboard.get("panels");
    }

    @SuppressWarnings("unchecked")
    static String expr(Map<String, Object> panel, int i) {
        return (String) ((List<Map<String, Object>>) panel.get("targets")).get(i).get("expr");
    }

    @Test
    void aRowPerModuleHostThenAppsThenCgroupsAndTheSelfCostLast() throws IOException {
        assertThat(panels()).extracting(p -> p.get("type") + ":" + p.get("title")).containsExactly(
                "row:vfs", "timeseries:vfs_io title", "timeseries:Per application: vfs_write_call title",
                "timeseries:Per cgroup: vfs_write_call title",
                "row:process", "timeseries:process_status title",
                "row:disk", "timeseries:sda_latency title",
                "row:ebpfmon's own cost", "timeseries:ebpf_agent_rss title");
    }

    @Test
    void queriesUseTheExposedNamesAndLabels() throws IOException {
        List<Map<String, Object>> p = panels();
        assertThat(expr(p.get(1), 0)).isEqualTo(
                "sum by (dimension) (rate(ebpfmon_filesystem_vfs_io_calls_total{instance=~\"$instance\"}[$__rate_interval]))");
        assertThat(expr(p.get(2), 0)).isEqualTo(
                "sum by (app) (rate(ebpfmon_apps_vfs_write_call_total{instance=~\"$instance\"}[$__rate_interval]))");
        // every cgroup and every service in one panel
        assertThat(expr(p.get(3), 0)).isEqualTo(
                "sum by (cgroup) (rate(ebpfmon_cgroup_vfs_write_call_total{instance=~\"$instance\"}[$__rate_interval]))");
        assertThat(expr(p.get(5), 0)).isEqualTo("sum by (dimension) (ebpfmon_system_process_status{instance=~\"$instance\"})");
        assertThat(expr(p.get(7), 1)).isEqualTo("histogram_quantile(0.99, sum by (le) "
                + "(rate(ebpfmon_disk_latency_io_seconds_bucket{instance=~\"$instance\"}[$__rate_interval])))");
        assertThat(expr(p.get(9), 0)).isEqualTo("sum by (dimension) (ebpfmon_netdata_ebpf_agent_rss_bytes{instance=~\"$instance\"})");
    }

    @SuppressWarnings("unchecked")
    @Test
    void unitsFollowTheFamilies() throws IOException {
        List<Map<String, Object>> p = panels();
        java.util.function.Function<Map<String, Object>, Object> unit =
                panel -> ((Map<String, Object>) ((Map<String, Object>) panel.get("fieldConfig")).get("defaults")).get("unit");
        assertThat(unit.apply(p.get(1))).isEqualTo("cps");
        assertThat(unit.apply(p.get(5))).isEqualTo("short");
        assertThat(unit.apply(p.get(7))).isEqualTo("s");
        assertThat(unit.apply(p.get(9))).isEqualTo("bytes");
    }

    @Test
    void theSameChartsGiveTheSameText() {
        assertThat(GrafanaDashboard.render(CHARTS)).isEqualTo(GrafanaDashboard.render(CHARTS));
    }
}
