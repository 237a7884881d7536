package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.kernel.KernelInspector;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.sink.prometheus.GrafanaDashboard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grafana/ebpfmon-dashboard.json is what {@link GrafanaDashboard} makes of the charts the agent
 * has with every module on (return mode, apps and cgroups charts, a cgroup and a service busy):
 * when a module adds or changes charts, this fails until the file is regenerated with
 * {@code mvn verify -Dtest=GrafanaDashboardTest -Dgrafana.update=true -DskipITs}.
 */
@Tag("kernel")
@Tag("host-kernel") // what our machines' agent draws: other kernels run other modules (kprobe-only ones) and titles
class GrafanaDashboardTest {
    static final Path FILE = Path.of("grafana/ebpfmon-dashboard.json");
    private static final int TICKS = 4;

    /** Every chart the agent collects in a few ticks, modules in Netdata's order, then by priority. */
    static List<Chart> allCharts(Path dir) throws Exception {
        Path config = AllModulesConfig.write(dir.resolve("config"));
        Map<String, Chart> charts = new LinkedHashMap<>();
        try (CgroupWorkloads busy = CgroupWorkloads.start();
                Session session = Session.open(Optional.of(config), KernelInspector.system(), s -> s)) {
            TickLoop loop = new TickLoop(session, 1);
            for (long second = 0; second < TICKS; second++) {
                syncedWrite(dir.resolve("disk-request"));
                Thread.sleep(1000);
                for (Sample sample : loop.collect(second).samples()) {
                    charts.put(sample.chart().fullId(), sample.chart());
                }
            }
        }
        List<Chart> ordered = new ArrayList<>(charts.values());
        ordered.sort(Comparator.<Chart>comparingInt(c -> moduleIndex(c.module())).thenComparingInt(Chart::priority)
                .thenComparing(Chart::fullId));
        return ordered;
    }

    /**
     * A block request on the disk under the test's directory, every tick: a disk's latency chart
     * exists once the disk has had a request, and the machine may have none for seconds.
     */
    private static void syncedWrite(Path file) throws java.io.IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.allocate(4096), 0);
            channel.force(true);
        }
    }

    private static int moduleIndex(String module) {
        int i = ModuleCatalog.names().indexOf(module);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    @Test
    void checkedInDashboardIsGeneratedFromTheCurrentCharts(@TempDir Path dir) throws Exception {
        List<Chart> charts = allCharts(dir);
        assertThat(charts).extracting(Chart::context).contains("apps.vfs_write_call", "cgroup.vfs_write",
                "services.vfs_write", "netdata.ebpf_tick_duration");
        String json = GrafanaDashboard.render(charts);
        if (Boolean.getBoolean("grafana.update")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, json, StandardCharsets.UTF_8);
        }
        assertThat(FILE).as("run with -Dgrafana.update=true to create it").exists();
        assertThat(json).as(FILE + " is out of date: regenerate it with -Dgrafana.update=true and review the diff")
                .isEqualTo(Files.readString(FILE));
    }
}
