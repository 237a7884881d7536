package dev.ebpfmon.module.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.module.Log2Buckets;
import dev.ebpfmon.sink.prometheus.PrometheusExposition;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latency charts of two disks reach /metrics as one histogram family, one series per disk. */
class DiskPrometheusTest {
    @Test
    void eachDisksLatencyIsAHistogramLabelledWithTheDisk() throws Exception {
        long[] sda = new long[Log2Buckets.COUNT];
        sda[0] = 2; // below 1 us
        sda[10] = 3; // 512 us .. 1 ms
        long[] loop0 = new long[Log2Buckets.COUNT];
        loop0[23] = 1; // 4 s and more
        PrometheusExposition exposition = new PrometheusExposition();
        exposition.update(List.of(new Sample(DiskCharts.latency("sda", 1), sda),
                new Sample(DiskCharts.latency("loop0", 1), loop0)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exposition.write(out, null);
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(text).contains("# TYPE ebpfmon_disk_latency_io_seconds histogram")
                .contains("ebpfmon_disk_latency_io_seconds_bucket{disk=\"sda\",module=\"disk\",le=\"1.0E-6\"} 2")
                .contains("ebpfmon_disk_latency_io_seconds_bucket{disk=\"sda\",module=\"disk\",le=\"0.001024\"} 5")
                .contains("ebpfmon_disk_latency_io_seconds_bucket{disk=\"sda\",module=\"disk\",le=\"+Inf\"} 5")
                .contains("ebpfmon_disk_latency_io_seconds_count{disk=\"sda\",module=\"disk\"} 5")
                .contains("ebpfmon_disk_latency_io_seconds_bucket{disk=\"loop0\",module=\"disk\",le=\"4.194304\"} 0")
                .contains("ebpfmon_disk_latency_io_seconds_count{disk=\"loop0\",module=\"disk\"} 1");
    }
}
