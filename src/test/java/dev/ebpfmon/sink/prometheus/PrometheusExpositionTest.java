package dev.ebpfmon.sink.prometheus;

import static dev.ebpfmon.sink.prometheus.PrometheusExpositionGoldenTest.FILE_DESCRIPTOR;
import static dev.ebpfmon.sink.prometheus.PrometheusExpositionGoldenTest.PROMETHEUS_ACCEPT;
import static dev.ebpfmon.sink.prometheus.PrometheusExpositionGoldenTest.VFS_IO_BYTES;
import static dev.ebpfmon.sink.prometheus.PrometheusExpositionGoldenTest.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusExpositionTest {
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final AtomicLong nanos = new AtomicLong();
    private final PrometheusExposition exposition = new PrometheusExposition(Map.of(), nanos::get);

    private String text() throws IOException {
        return written(exposition, null);
    }

    @Test
    void openMetricsWhenPrometheusAsksForIt() throws IOException {
        exposition.update(List.of(Sample.of(FILE_DESCRIPTOR, 1, 1)));
        assertThat(exposition.contentType(PROMETHEUS_ACCEPT)).isEqualTo(OPENMETRICS);
        assertThat(exposition.contentType("application/openmetrics-text")).isEqualTo(OPENMETRICS);
        assertThat(written(exposition, PROMETHEUS_ACCEPT)).endsWith("# EOF\n")
                .contains("# TYPE ebpfmon_filesystem_file_descriptor_calls counter");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "*/*", "text/plain", "text/plain;version=0.0.4", "application/json",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"})
    void textFormatOtherwise(String accept) throws IOException {
        exposition.update(List.of(Sample.of(FILE_DESCRIPTOR, 1, 1)));
        assertThat(exposition.contentType(accept)).isEqualTo(TEXT);
        assertThat(written(exposition, accept)).doesNotContain("# EOF")
                .contains("# TYPE ebpfmon_filesystem_file_descriptor_calls_total counter");
    }

    @Test
    void emptyBeforeTheFirstUpdate() throws IOException {
        assertThat(text()).isEmpty();
        assertThat(written(exposition, PROMETHEUS_ACCEPT)).isEqualTo("# EOF\n");
    }

    @Test
    void countersAreRawTotalsWithoutTheDrawingSign() throws IOException {
        exposition.update(List.of(Sample.of(VFS_IO_BYTES, 10, 20)));
        assertThat(text()).contains("ebpfmon_filesystem_vfs_io_bytes_total{dimension=\"write\",module=\"vfs\"} 20.0");
        exposition.update(List.of(Sample.of(VFS_IO_BYTES, 10, 70)));
        assertThat(text()).contains("ebpfmon_filesystem_vfs_io_bytes_total{dimension=\"write\",module=\"vfs\"} 70.0");
    }

    @Test
    void multiplierDivisorAndUnitsApply() throws IOException {
        Chart bandwidth = Chart.builder("ip", "total_tcp_bandwidth").title("TCP bandwidth").units("kilobits/s")
                .module("socket").dimensions(Dimension.incremental("received").times(8).dividedBy(1000),
                        Dimension.incremental("sent").times(-8).dividedBy(1000))
                .build();
        Chart latency = Chart.builder("system", "hardirq_latency").title("Hardware IRQ latency")
                .units("milliseconds").module("hardirq")
                .dimensions(Dimension.incremental("nvme").dividedBy(1000)) // collected in microseconds
                .build();
        exposition.update(List.of(Sample.of(bandwidth, 1500, 3000), Sample.of(latency, 2_500_000)));
        // bytes * 8 / 1000 = kilobits, * 125 = bytes again
        assertThat(text()).contains("ebpfmon_ip_total_tcp_bandwidth_bytes_total{dimension=\"received\",module=\"socket\"} 1500.0")
                .contains("ebpfmon_ip_total_tcp_bandwidth_bytes_total{dimension=\"sent\",module=\"socket\"} 3000.0")
                .contains("ebpfmon_system_hardirq_latency_seconds_total{dimension=\"nvme\",module=\"hardirq\"} 2.5");
    }

    @Test
    void countersAreUnsigned64Bit() throws IOException {
        exposition.update(List.of(Sample.of(FILE_DESCRIPTOR, -1, Long.MIN_VALUE)));
        assertThat(text()).contains("{dimension=\"open\",module=\"fd\"} 1.8446744073709552E19")
                .contains("{dimension=\"close\",module=\"fd\"} 9.223372036854776E18");
    }

    @Test
    void gaugesKeepTheirSign() throws IOException {
        Chart status = Chart.builder("system", "process_status").title("Process not closed").units("difference")
                .module("process").dimensions(Dimension.absolute("process")).build();
        exposition.update(List.of(Sample.of(status, -3)));
        assertThat(text()).contains("ebpfmon_system_process_status{dimension=\"process\",module=\"process\"} -3.0");
    }

    @Test
    void aNameKeepsItsFirstContextAndType() throws IOException {
        Chart counter = Chart.builder("a", "b_c").title("first").units("calls/s").module("m")
                .dimensions(Dimension.incremental("x")).build();
        Chart sameNameOtherContext = Chart.builder("a_b", "c").title("second").units("calls/s").module("m")
                .dimensions(Dimension.incremental("y")).build();
        Chart gauge = Chart.builder("a", "b_c_calls").title("gauge").units("difference").module("m")
                .dimensions(Dimension.absolute("z")).build();
        exposition.update(List.of(Sample.of(counter, 1), Sample.of(sameNameOtherContext, 2), Sample.of(gauge, 3)));
        assertThat(text()).contains("ebpfmon_a_b_c_calls_total{dimension=\"x\",module=\"m\"} 1.0")
                .doesNotContain("dimension=\"y\"")
                .doesNotContain("dimension=\"z\"")
                .doesNotContain("gauge");

        // the later chart alone still does not take the name over
        var fresh = new PrometheusExposition(Map.of(), nanos::get);
        fresh.update(List.of(Sample.of(counter, 1)));
        fresh.update(List.of(Sample.of(sameNameOtherContext, 2)));
        assertThat(written(fresh, null)).doesNotContain("dimension=\"y\"");
    }

    @Test
    void aDimensionOfTheOtherKindIsLeftOut() throws IOException {
        Chart mixed = Chart.builder("system", "mixed").title("mixed").units("calls/s").module("m")
                .dimensions(Dimension.incremental("calls"), Dimension.absolute("level")).build();
        exposition.update(List.of(Sample.of(mixed, 5, 6)));
        assertThat(text()).contains("ebpfmon_system_mixed_calls_total{dimension=\"calls\",module=\"m\"} 5.0")
                .doesNotContain("level");
    }

    @Test
    void aRepeatedSeriesKeepsTheFirstValue() throws IOException {
        Chart sda = Chart.builder("cgroup_a", "fd_open").title("t").units("calls/s").context("cgroup.fd_open")
                .module("fd").dimensions(Dimension.incremental("open")).build();
        Chart sameLabels = Chart.builder("services", "fd_open").title("t").units("calls/s").context("services.fd_open")
                .module("fd").dimensions(Dimension.incremental("a")).build();
        exposition.update(List.of(Sample.of(sda, 1), Sample.of(sameLabels, 2)));
        assertThat(text()).contains("ebpfmon_cgroup_fd_open_calls_total{cgroup=\"a\",module=\"fd\"} 1.0")
                .doesNotContain("} 2.0");
    }

    @Test
    void applicationsCgroupsAndServicesShareOneNamePerQuantity() throws IOException {
        Chart apps = Chart.builder("apps", "file_deleted").title("t").units("calls/s").context("apps.file_deleted")
                .module("vfs").dimensions(Dimension.incremental("bash")).build();
        Chart cgroup = Chart.builder("cgroup_db", "file_deleted").title("t").units("calls/s").context("cgroup.vfs_unlink")
                .module("vfs").dimensions(Dimension.incremental("calls")).build();
        Chart services = Chart.builder("services", "file_deleted").title("t").units("calls/s")
                .context("services.vfs_unlink").module("vfs").dimensions(Dimension.incremental("ssh")).build();
        Chart twoDimensions = Chart.builder("cgroup_db", "net_x").title("t").units("calls/s").context("cgroup.net_x")
                .module("socket").dimensions(Dimension.incremental("in"), Dimension.incremental("out")).build();
        exposition.update(List.of(Sample.of(apps, 1), Sample.of(cgroup, 2), Sample.of(services, 3),
                Sample.of(twoDimensions, 4, 5)));
        assertThat(text()).contains("ebpfmon_apps_file_deleted_calls_total{app=\"bash\",module=\"vfs\"} 1.0")
                .contains("ebpfmon_cgroup_file_deleted_calls_total{cgroup=\"db\",module=\"vfs\"} 2.0")
                .contains("ebpfmon_cgroup_file_deleted_calls_total{cgroup=\"ssh\",module=\"vfs\"} 3.0")
                .contains("ebpfmon_cgroup_net_x_calls_total{cgroup=\"db\",dimension=\"in\",module=\"socket\"} 4.0");
    }

    @Test
    void chartsMissingFromATickStayUntilTheyAreStale() throws IOException {
        Chart slow = Chart.builder("system", "slow").title("every 5 s").units("calls/s").updateEvery(5).module("m")
                .dimensions(Dimension.incremental("x")).build();
        exposition.update(List.of(Sample.of(FILE_DESCRIPTOR, 1, 1), Sample.of(slow, 7)));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
        exposition.update(List.of(Sample.of(FILE_DESCRIPTOR, 2, 2)));
        assertThat(text()).contains("ebpfmon_system_slow_calls_total").contains("file_descriptor");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
        exposition.update(List.of(Sample.of(slow, 8)));
        // file_descriptor (every second) was last seen 3 s ago: within 3 intervals
        assertThat(text()).contains("file_descriptor");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        exposition.update(List.of(Sample.of(slow, 9)));
        assertThat(text()).doesNotContain("file_descriptor").contains("ebpfmon_system_slow_calls_total{dimension=\"x\",module=\"m\"} 9.0");
    }

    @Test
    void netdataLatencyBucketsBecomeAHistogram() throws IOException {
        Chart latency = Chart.builder("disk", "sda_latency_io").title("Disk latency").units("calls/s")
                .context("disk.latency_io").module("disk").dimensions(HistogramHintTest.netdataBuckets(24)).build();
        long[] counts = new long[24];
        counts[0] = 1;       // <= 1 us
        counts[10] = 100;    // (512 us, 1024 us]
        counts[23] = 2;      // > 4.194304 s
        exposition.update(List.of(new Sample(latency, counts)));
        String text = text();
        assertThat(text).contains("# TYPE ebpfmon_disk_latency_io_seconds histogram")
                .contains("ebpfmon_disk_latency_io_seconds_bucket{module=\"disk\",le=\"1.0E-6\"} 1\n")
                .contains("ebpfmon_disk_latency_io_seconds_bucket{module=\"disk\",le=\"5.12E-4\"} 1\n")
                .contains("ebpfmon_disk_latency_io_seconds_bucket{module=\"disk\",le=\"0.001024\"} 101\n")
                .contains("ebpfmon_disk_latency_io_seconds_bucket{module=\"disk\",le=\"4.194304\"} 101\n")
                .contains("ebpfmon_disk_latency_io_seconds_bucket{module=\"disk\",le=\"+Inf\"} 103\n")
                .contains("ebpfmon_disk_latency_io_seconds_count{module=\"disk\"} 103\n")
                .doesNotContain("_sum")
                .doesNotContain("dimension=");
        assertThat(text.lines().filter(l -> l.contains("_bucket{"))).hasSize(24);
    }

    @Test
    void aHintWithoutInfinityGetsAnEmptyInfBucket() throws IOException {
        Chart chart = Chart.builder("system", "lat").title("t").units("calls/s").module("m")
                .dimensions(Dimension.incremental("a"), Dimension.incremental("b")).build();
        var hinted = new PrometheusExposition(Map.of("system.lat", new HistogramHint(List.of(0.5, 1.0))));
        hinted.update(List.of(Sample.of(chart, 3, 4)));
        assertThat(written(hinted, null)).contains("ebpfmon_system_lat_seconds_bucket{module=\"m\",le=\"0.5\"} 3\n")
                .contains("ebpfmon_system_lat_seconds_bucket{module=\"m\",le=\"1.0\"} 7\n")
                .contains("ebpfmon_system_lat_seconds_bucket{module=\"m\",le=\"+Inf\"} 7\n");
    }

    @Test
    void aHintOfAnotherSizeLeavesTheChartOut() throws IOException {
        Chart chart = Chart.builder("system", "lat").title("t").units("calls/s").module("m")
                .dimensions(Dimension.incremental("a"), Dimension.incremental("b")).build();
        var hinted = new PrometheusExposition(Map.of("system.lat", HistogramHint.log2Microseconds(24)));
        hinted.update(List.of(Sample.of(chart, 3, 4), Sample.of(FILE_DESCRIPTOR, 1, 1)));
        assertThat(written(hinted, null)).doesNotContain("system_lat").contains("file_descriptor");
    }

    @Test
    void writersSeeWholeSnapshotsWhileUpdatesGoOn() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 300; i++) {
                    String text = written(exposition, i % 2 == 0 ? null : PROMETHEUS_ACCEPT);
                    // both series of a tick carry the same value: a torn snapshot would mix ticks
                    var values = text.lines().filter(l -> l.startsWith("ebpfmon_filesystem_file_descriptor_calls_total"))
                            .map(l -> l.substring(l.lastIndexOf(' ') + 1)).distinct().toList();
                    assertThat(values).hasSizeLessThanOrEqualTo(1);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        for (long tick = 0; reader.isAlive(); tick++) {
            exposition.update(List.of(Sample.of(FILE_DESCRIPTOR, tick, tick)));
        }
        reader.join();
        assertThat(failure.get()).isNull();
    }
}
