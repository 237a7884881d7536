package dev.ebpfmon.sink.netdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import java.io.ByteArrayOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginsdWriterTest {

    private static final Chart CHART = Chart.builder("filesystem", "file_descriptor")
            .title("Open and close calls").units("calls/s").module("fd")
            .dimensions(Dimension.incremental("open"), Dimension.incremental("close"))
            .build();

    /** Records what each flush saw, to check that a tick reaches Netdata in one piece. */
    private static final class FlushRecorder implements Appendable, Flushable {
        final StringBuilder pending = new StringBuilder();
        final List<String> flushed = new ArrayList<>();
        int appends;

        @Override
        public Appendable append(CharSequence csq) {
            appends++;
            pending.append(csq);
            return this;
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) {
            return append(csq.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) {
            return append(String.valueOf(c));
        }

        @Override
        public void flush() {
            flushed.add(pending.toString());
            pending.setLength(0);
        }
    }

    private final FlushRecorder out = new FlushRecorder();
    private final PluginsdWriter writer = new PluginsdWriter(out);

    @Test
    void aTickIsAppendedAndFlushedOnce() {
        var other = Chart.builder("mem", "file_sync").dimensions(Dimension.incremental("fsync")).build();

        writer.write(0, List.of(Sample.of(CHART, 1, 2), Sample.of(other, 3)));

        assertThat(out.appends).isEqualTo(1);
        assertThat(out.flushed).hasSize(1);
        assertThat(out.flushed.getFirst()).contains("CHART filesystem.file_descriptor ", "CHART mem.file_sync ",
                "SET fsync = 3\nEND\n");
    }

    @Test
    void anEqualDefinitionIsNotAnnouncedAgain() {
        writer.write(0, List.of(Sample.of(CHART, 1, 2)));
        var rebuilt = CHART.withDimensions(List.copyOf(CHART.dimensions()));

        writer.write(1_000_000, List.of(Sample.of(rebuilt, 2, 3)));
        writer.write(2_000_000, List.of(Sample.of(CHART, 3, 4)));

        assertThat(out.flushed.get(1)).doesNotContain("CHART", "DIMENSION");
        assertThat(out.flushed.get(2)).doesNotContain("CHART", "DIMENSION");
    }

    @Test
    void anyChangedFieldAnnouncesTheChartAgainWithoutObsoleteLines() {
        writer.write(0, List.of(Sample.of(CHART, 1, 2)));
        var retitled = Chart.builder("filesystem", "file_descriptor")
                .title("Open and close").units("calls/s").module("fd")
                .dimensions(CHART.dimensions()).build();

        writer.write(1_000_000, List.of(Sample.of(retitled, 2, 3)));

        assertThat(out.flushed.get(1)).startsWith("CHART filesystem.file_descriptor '' 'Open and close' ")
                .contains("DIMENSION open 'open' incremental 1 1\nDIMENSION close 'close' incremental 1 1\nBEGIN")
                .doesNotContain("obsolete");
    }

    @Test
    void microsecondsAreMeasuredPerChart() {
        var other = Chart.builder("mem", "file_sync").dimensions(Dimension.incremental("fsync")).build();
        writer.write(10_000_000, List.of(Sample.of(CHART, 1, 2)));
        writer.write(11_000_000, List.of(Sample.of(other, 1)));

        writer.write(12_500_000, List.of(Sample.of(CHART, 1, 2), Sample.of(other, 1)));

        assertThat(out.flushed.get(2)).contains("BEGIN filesystem.file_descriptor 2500000\n",
                "BEGIN mem.file_sync 1500000\n");
    }

    @Test
    void aClockThatDidNotAdvanceLeavesTheTimingToNetdata() {
        writer.write(5, List.of(Sample.of(CHART, 1, 2)));
        writer.write(5, List.of(Sample.of(CHART, 1, 2)));

        assertThat(out.flushed.get(1)).startsWith("BEGIN filesystem.file_descriptor\n");
    }

    @Test
    void markObsoleteAnnouncesTheChartAsObsoleteAndForgetsIt() {
        writer.markObsolete(CHART);
        assertThat(out.flushed).isEmpty();

        writer.write(0, List.of(Sample.of(CHART, 1, 2)));
        writer.markObsolete(CHART);
        writer.write(1_000_000, List.of(Sample.of(CHART, 1, 2)));

        assertThat(out.flushed.get(1)).isEqualTo("CHART filesystem.file_descriptor '' 'Open and close calls' "
                + "'calls/s' 'file_descriptor' 'filesystem.file_descriptor' line 1000 1 'obsolete' "
                + "'ebpf.plugin' 'fd'\n");
        // Collected again after that: a new chart for Netdata, announced again.
        assertThat(out.flushed.get(2)).startsWith("CHART filesystem.file_descriptor ")
                .contains("BEGIN filesystem.file_descriptor\n");
    }

    @Test
    void disableWritesTheKeyword() {
        writer.disable();

        assertThat(out.flushed).containsExactly("DISABLE\n");
    }

    @Test
    void anEmptyTickWritesNothingVisible() {
        writer.write(0, List.of());

        assertThat(out.flushed).containsExactly("");
    }

    @Test
    void writesThroughAPrintStream() {
        var bytes = new ByteArrayOutputStream();
        var stdoutLike = new PrintStream(bytes, false, UTF_8);

        new PluginsdWriter(stdoutLike).write(0, List.of(Sample.of(CHART, 7, 8)));

        assertThat(bytes.toString(UTF_8)).endsWith("SET open = 7\nSET close = 8\nEND\n");
    }

    @Test
    void aTickReachesAPrintStreamInOneWriteOfUtf8Bytes() {
        var writes = new ArrayList<byte[]>();
        var stdoutLike = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
            }
        }, false, UTF_8);
        var samples = new ArrayList<Sample>();
        for (int i = 0; i < 200; i++) { // well beyond a PrintStream encoder's 8 KiB buffer
            samples.add(Sample.of(Chart.builder("apps", "file_open_" + i).title("Öffnungen für café").units("calls/s")
                    .module("fd").dimensions(Dimension.incremental("crème")).build(), i));
        }

        new PluginsdWriter(stdoutLike).write(0, samples);

        assertThat(writes).hasSize(1);
        String written = new String(writes.get(0), UTF_8);
        assertThat(written.length()).isGreaterThan(3 * 8192);
        assertThat(written).contains("'Öffnungen für café'").endsWith("BEGIN apps.file_open_199\nSET crème = 199\nEND\n");
    }

    @Test
    void aClosedPipeStopsTheCollector() {
        var broken = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        }, false, UTF_8);
        var failing = new PluginsdWriter(broken);

        assertThatThrownBy(() -> failing.write(0, List.of(Sample.of(CHART, 1, 2))))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void appendableFailuresAreReported() {
        Appendable failingOut = new Appendable() {
            @Override
            public Appendable append(CharSequence csq) throws IOException {
                throw new IOException("gone");
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) throws IOException {
                throw new IOException("gone");
            }

            @Override
            public Appendable append(char c) throws IOException {
                throw new IOException("gone");
            }
        };

        assertThatThrownBy(() -> new PluginsdWriter(failingOut).disable())
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("gone");
    }
}
