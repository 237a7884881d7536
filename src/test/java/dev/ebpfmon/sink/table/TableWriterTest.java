package dev.ebpfmon.sink.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TableWriterTest {

    private static final long T0 = Instant.parse("2025-03-04T05:06:07Z").toEpochMilli();

    private static final Chart FD = Chart.builder("filesystem", "file_descriptor")
            .title("Open and close calls").units("calls/s").module("fd")
            .dimensions(Dimension.incremental("open"), Dimension.incremental("close"))
            .build();

    private static final Chart VFS_IO = Chart.builder("filesystem", "vfs_io")
            .title("Count of VFS calls").units("calls/s")
            .dimensions(Dimension.incremental("read"), Dimension.incremental("write").times(-1))
            .build();

    private static final Chart RATIO = Chart.builder("mem", "cachestat_ratio")
            .title("Hit ratio").units("%")
            .dimensions(Dimension.absolute("ratio"), Dimension.absolute("debug").asHidden())
            .build();

    private final StringBuilder out = new StringBuilder();
    private final TableWriter writer = new TableWriter(out, ZoneOffset.UTC);

    private String tick(long nowMillis, Sample... samples) {
        out.setLength(0);
        writer.write(nowMillis, List.of(samples));
        return out.toString();
    }

    @Test
    void firstTickShowsGaugesAndWaitsForCounters() {
        String text = tick(T0, Sample.of(FD, 100, 50), Sample.of(VFS_IO, 0, 0), Sample.of(RATIO, 97, 1));

        assertThat(text).isEqualTo("""
                ---- 2025-03-04 05:06:07 -------------------------------------------------------
                filesystem.file_descriptor: Open and close calls (calls/s)
                  open        -   close       -
                filesystem.vfs_io: Count of VFS calls (calls/s)
                  read        -   write       -
                mem.cachestat_ratio: Hit ratio (%)
                  ratio    97.0
                """);
    }

    @Test
    void secondTickShowsPerSecondRates() {
        tick(T0, Sample.of(FD, 100, 50), Sample.of(VFS_IO, 0, 0), Sample.of(RATIO, 97, 1));

        String text = tick(T0 + 2_000, Sample.of(FD, 2_569, 50),
                Sample.of(VFS_IO, 24_690, 3_000_000), Sample.of(RATIO, 12, 1));

        assertThat(text).isEqualTo("""
                ---- 2025-03-04 05:06:09 -------------------------------------------------------
                filesystem.file_descriptor: Open and close calls (calls/s)
                  open  1,234.5   close     0.0
                filesystem.vfs_io: Count of VFS calls (calls/s)
                  read    12.3k   write   -1.5M
                mem.cachestat_ratio: Hit ratio (%)
                  ratio    12.0
                """);
    }

    @Test
    void manyDimensionsWrapWithinEightyColumns() {
        var dims = IntStream.range(0, 7).mapToObj(i -> Dimension.absolute("app" + i)).toList();
        var chart = Chart.builder("apps", "file_open").title("Open files").units("calls/s")
                .dimensions(dims).build();

        String text = tick(T0, Sample.of(chart, 0, 1, 2, 3, 4, 5, 6000));

        assertThat(text).isEqualTo("""
                ---- 2025-03-04 05:06:07 -------------------------------------------------------
                apps.file_open: Open files (calls/s)
                  app0     0.0   app1     1.0   app2     2.0   app3     3.0   app4     4.0
                  app5     5.0   app6 6,000.0
                """);
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void longTextIsCutToFit() {
        var chart = Chart.builder("apps", "file_open")
                .title("A title that is far too long to fit on one terminal line together with its context")
                .units("calls/s")
                .dimensions(Dimension.absolute("short"),
                        Dimension.absolute("a_very_long_dimension_id").named("a very long application name"))
                .build();

        String text = tick(T0, Sample.of(chart, 1, 2));

        assertThat(text).isEqualTo("""
                ---- 2025-03-04 05:06:07 -------------------------------------------------------
                apps.file_open: A title that is far too long to fit on one terminal line togeth~
                  short                        1.0   a very long application~     2.0
                """);
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void aForgottenChartWaitsForTwoSamplesAgain() {
        tick(T0, Sample.of(FD, 100, 50));
        writer.forget(FD);

        assertThat(tick(T0 + 1_000, Sample.of(FD, 200, 60))).endsWith("""
                  open        -   close       -
                """);
    }
}
