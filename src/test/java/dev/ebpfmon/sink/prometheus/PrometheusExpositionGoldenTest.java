package dev.ebpfmon.sink.prometheus;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact text both formats carry for one chart of each kind. */
class PrometheusExpositionGoldenTest {

    /** What Prometheus 2.x sends when it scrapes. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    static final Chart FILE_DESCRIPTOR = Chart.builder("filesystem", "file_descriptor")
            .title("Open and close calls").units("calls/s").family("file_access")
            .context("filesystem.file_descriptor").priority(2195).module("fd")
            .dimensions(Dimension.incremental("do_sys_open").named("open"),
                    Dimension.incremental("__close_fd").named("close"))
            .build();

    static final Chart VFS_IO_BYTES = Chart.builder("filesystem", "vfs_io_bytes")
            .title("Bytes written and read").units("bytes/s").family("vfs").context("filesystem.vfs_io_bytes")
            .priority(2075).module("vfs")
            .dimensions(Dimension.incremental("vfs_read").named("read"),
                    Dimension.incremental("vfs_write").named("write").times(-1))
            .build();

    static final Chart PROCESS_STATUS = Chart.builder("system", "process_status")
            .title("Process not closed").units("difference").family("processes").context("system.process_status")
            .priority(21003).module("process")
            .dimensions(Dimension.absolute("process"), Dimension.absolute("zombie"))
            .build();

    static final Chart APPS_FILE_OPEN = Chart.builder("apps", "file_open")
            .title("Number of open files").units("calls/s").family("file access").context("apps.file_open")
            .chartType(ChartType.STACKED).priority(20061).module("fd")
            .dimensions(Dimension.incremental("bash"), Dimension.incremental("ssh_d").named("sshd"))
            .build();

    static final Chart CGROUP_FD_OPEN = Chart.builder("cgroup_docker-1a2b", "fd_open")
            .title("Number of open files").units("calls/s").family("file access").context("cgroup.fd_open")
            .priority(5400).module("fd")
            .dimensions(Dimension.incremental("open"))
            .build();

    /** The same quantity per application, per cgroup and per service, which Netdata names three ways. */
    static final Chart APPS_VFS_WRITE = Chart.builder("apps", "vfs_write_call")
            .title("Write to disk.").units("calls/s").family("vfs").context("apps.vfs_write_call")
            .chartType(ChartType.STACKED).priority(20066).module("vfs")
            .dimensions(Dimension.incremental("bash"), Dimension.incremental("ssh_d").named("sshd"))
            .build();

    static final Chart CGROUP_VFS_WRITE = Chart.builder("cgroup_docker-1a2b", "vfs_write_call")
            .title("Write to disk.").units("calls/s").family("vfs").context("cgroup.vfs_write")
            .priority(25066).module("vfs")
            .dimensions(Dimension.incremental("calls"))
            .build();

    static final Chart SERVICES_VFS_WRITE = Chart.builder("services", "vfs_write_call")
            .title("Write to disk.").units("calls/s").family("vfs").context("services.vfs_write")
            .chartType(ChartType.STACKED).priority(30066).module("vfs")
            .dimensions(Dimension.incremental("cron"), Dimension.incremental("ssh"))
            .build();

    /** A synthetic latency chart: four buckets of a made-up context, bounds given by a hint. */
    static final Chart READ_LATENCY = Chart.builder("filesystem", "ext4_read_latency")
            .title("ext4 latency for each read request.").units("calls/s").family("ext4 latency (eBPF)")
            .context("filesystem.read_latency").chartType(ChartType.STACKED).priority(7000).module("filesystem")
            .dimensions(Dimension.incremental("b0").named("0us->10us"), Dimension.incremental("b1").named("10us->1ms"),
                    Dimension.incremental("b2").named("1ms->1s"), Dimension.incremental("b3").named("1s->+Inf"))
            .build();

    static final HistogramHint READ_LATENCY_BUCKETS =
            new HistogramHint(List.of(0.00001, 0.001, 1.0, Double.POSITIVE_INFINITY));

    static PrometheusExposition exposition() {
        var exposition = new PrometheusExposition(Map.of("filesystem.read_latency", READ_LATENCY_BUCKETS));
        exposition.update(List.of(
                Sample.of(FILE_DESCRIPTOR, 530, 526),
                Sample.of(VFS_IO_BYTES, 30_000, 45_000),
                Sample.of(PROCESS_STATUS, 212, 1),
                Sample.of(APPS_FILE_OPEN, 17, 3),
                Sample.of(CGROUP_FD_OPEN, 9),
                Sample.of(APPS_VFS_WRITE, 40, 2),
                Sample.of(CGROUP_VFS_WRITE, 11),
                Sample.of(SERVICES_VFS_WRITE, 4, 6),
                Sample.of(READ_LATENCY, 5, 20, 3, 0)));
        return exposition;
    }

    static String written(PrometheusExposition exposition, String accept) throws IOException {
        var out = new ByteArrayOutputStream();
        exposition.write(out, accept);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void prometheusTextFormat() throws IOException {
        Golden.assertMatches("metrics.prom", written(exposition(), "text/plain;version=0.0.4"));
    }

    @Test
    void openMetrics() throws IOException {
        Golden.assertMatches("metrics.openmetrics", written(exposition(), PROMETHEUS_ACCEPT));
    }
}
