package dev.ebpfmon.sink.netdata;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginsdWriterGoldenTest {

    private static final long T0 = 5_000_000;
    private static final long ONE_SECOND = 1_000_000;

    private static final Chart VFS_IO = Chart.builder("filesystem", "vfs_io")
            .title("Count of VFS calls").units("calls/s").family("vfs").context("filesystem.vfs_io")
            .priority(2213).module("vfs")
            .dimensions(Dimension.incremental("read"), Dimension.incremental("write").times(-1))
            .build();

    private static final Chart CACHESTAT_RATIO = Chart.builder("mem", "cachestat_ratio")
            .title("Hit ratio").units("%").family("page cache (eBPF)").context("mem.cachestat_ratio")
            .priority(21100).module("cachestat")
            .dimensions(Dimension.percentageOfAbsoluteRow("hit"), Dimension.percentageOfAbsoluteRow("miss"))
            .build();

    private static final Chart FILE_OPEN = Chart.builder("apps", "file_open")
            .title("Number of open files").units("calls/s").family("file access").context("apps.file_open")
            .chartType(ChartType.STACKED).priority(20061).module("fd")
            .dimensions(Dimension.incremental("bash"), Dimension.incremental("sshd"))
            .build();

    private final StringBuilder out = new StringBuilder();
    private final PluginsdWriter writer = new PluginsdWriter(out);

    private String tick(long nowMicros, Sample... samples) {
        out.setLength(0);
        writer.write(nowMicros, List.of(samples));
        return out.toString();
    }

    @Test
    void firstTickDefinesChartsThenSendsValues() {
        String text = tick(T0, Sample.of(VFS_IO, 100, 40), Sample.of(CACHESTAT_RATIO, 90, 10));

        GoldenFile.assertMatches("first-tick.txt", text);
    }

    @Test
    void secondTickSendsOnlyValuesWithTheElapsedMicroseconds() {
        tick(T0, Sample.of(VFS_IO, 100, 40), Sample.of(CACHESTAT_RATIO, 90, 10));

        String text = tick(T0 + ONE_SECOND, Sample.of(VFS_IO, 130, 45), Sample.of(CACHESTAT_RATIO, 95, 5));

        GoldenFile.assertMatches("second-tick.txt", text);
    }

    @Test
    void redefinitionAddsNewDimensionsAndMarksDroppedOnesObsolete() {
        tick(T0, Sample.of(FILE_OPEN, 3, 7));
        var changed = FILE_OPEN.withDimensions(List.of(
                Dimension.incremental("bash"), Dimension.incremental("nginx")));

        String text = tick(T0 + ONE_SECOND, Sample.of(changed, 5, 12));

        GoldenFile.assertMatches("redefinition.txt", text);
    }

    @Test
    void freeTextIsQuotedSoNetdataReadsOneWordPerField() {
        var chart = Chart.builder("system", "quoting")
                .name("quoting_name")
                .title("Don't split \"this\" title")
                .units("kilobits/s")
                .family("a family with spaces")
                .module("it's")
                .dimensions(Dimension.absolute("plain").named("with space"),
                        Dimension.absolute("apostrophe").named("o'clock"),
                        Dimension.absolute("quoted").named("say \"hi\""),
                        Dimension.absolute("slash").named("back\\slash\nnewline").asHidden())
                .build();

        GoldenFile.assertMatches("quoting.txt", tick(T0, Sample.of(chart, 1, 2, 3, -4)));
    }
}
