package dev.ebpfmon.sink.netdata;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import java.io.Flushable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Netdata's external-plugin (plugins.d) protocol, so that Netdata can run ebpfmon in place of
 * its own {@code ebpf.plugin}. A chart is announced with {@code CHART} and {@code DIMENSION} lines
 * the first time it is written and whenever its definition changes; every tick then carries one
 * {@code BEGIN}/{@code SET}/{@code END} block per chart with the raw collected values, and Netdata
 * computes rates itself.
 *
 * <p>A tick is assembled in one reused buffer and handed to the output in a single write followed
 * by a single flush, because Netdata reads a pipe and a half-written tick would be parsed late.
 * Not thread-safe: one collector loop owns it.
 */
public final class PluginsdWriter {

    private static final String OBSOLETE = "obsolete";
    private static final String HIDDEN = "hidden";

    private final Appendable out;
    private final StringBuilder buffer = new StringBuilder(8192);
    /** Spares the definition comparison while module code keeps passing the same Chart instance. */
    private final Map<Chart, ChartState> byInstance = new IdentityHashMap<>();
    private final Map<String, ChartState> byFullId = new HashMap<>();

    /** What was last announced for a chart and when it was last written. */
    private static final class ChartState {
        final String fullId;
        Chart announced;
        long lastBeginMicros;
        boolean begun;

        ChartState(String fullId, Chart announced) {
            this.fullId = fullId;
            this.announced = announced;
        }
    }

    /**
     * @param out where Netdata reads, normally a UTF-8 {@code PrintStream} on stdout (written as UTF-8
     *            bytes, whatever its own charset); flushed after every tick when it is {@link Flushable}
     */
    public PluginsdWriter(Appendable out) {
        this.out = out;
    }

    /**
     * Writes one tick: definitions of new or changed charts, then one value block per sample.
     *
     * @param nowMicros a monotonic clock in microseconds; Netdata is told the time between a chart's
     *                  consecutive blocks so that late ticks do not distort rates
     * @throws UncheckedIOException when the output fails, typically because Netdata went away
     */
    public void write(long nowMicros, List<Sample> samples) {
        buffer.setLength(0);
        for (Sample sample : samples) {
            ChartState state = stateFor(sample.chart());
            appendValues(nowMicros, state, sample);
        }
        emit();
    }

    /**
     * Writes one tick: its samples as {@link #write(long, List)} does, then its retired charts as
     * obsolete, in one write.
     */
    public void write(long nowMicros, Tick tick) {
        buffer.setLength(0);
        for (Sample sample : tick.samples()) {
            ChartState state = stateFor(sample.chart());
            appendValues(nowMicros, state, sample);
        }
        for (Chart chart : tick.retired()) {
            ChartState state = byFullId.remove(chart.fullId());
            if (state != null) {
                byInstance.remove(state.announced);
                appendChartLine(state.fullId, state.announced, OBSOLETE);
            }
        }
        emit();
    }

    /**
     * Tells Netdata that a chart is gone (a stopped application or cgroup), so that it hides the
     * chart and later deletes it instead of waiting for values. Charts never written are ignored.
     */
    public void markObsolete(Chart chart) {
        ChartState state = byFullId.remove(chart.fullId());
        if (state == null) {
            return;
        }
        byInstance.remove(state.announced);
        buffer.setLength(0);
        appendChartLine(state.fullId, state.announced, OBSOLETE);
        emit();
    }

    /** Asks Netdata not to restart this plugin, for when ebpfmon cannot run on this host at all. */
    public void disable() {
        buffer.setLength(0);
        buffer.append("DISABLE\n");
        emit();
    }

    private ChartState stateFor(Chart chart) {
        ChartState state = byInstance.get(chart);
        if (state != null) {
            return state;
        }
        String fullId = chart.fullId();
        state = byFullId.get(fullId);
        if (state == null) {
            state = new ChartState(fullId, chart);
            byFullId.put(fullId, state);
            appendDefinition(state.fullId, chart, List.of());
        } else {
            if (!state.announced.equals(chart)) {
                appendDefinition(state.fullId, chart, state.announced.dimensions());
            }
            byInstance.remove(state.announced);
            state.announced = chart;
        }
        byInstance.put(chart, state);
        return state;
    }

    private void appendDefinition(String fullId, Chart chart, List<Dimension> before) {
        appendChartLine(fullId, chart, "");
        for (Dimension d : chart.dimensions()) {
            appendDimensionLine(d, d.hidden() ? HIDDEN : "");
        }
        if (before.isEmpty()) {
            return;
        }
        var kept = new HashSet<String>();
        for (Dimension d : chart.dimensions()) {
            kept.add(d.id());
        }
        for (Dimension d : before) {
            if (!kept.contains(d.id())) {
                // Otherwise Netdata keeps the dimension and shows gaps for it forever.
                appendDimensionLine(d, d.hidden() ? OBSOLETE + " " + HIDDEN : OBSOLETE);
            }
        }
    }

    private void appendChartLine(String fullId, Chart chart, String options) {
        StringBuilder b = buffer;
        b.append("CHART ").append(fullId).append(' ');
        QuotedText.append(b, chart.name());
        b.append(' ');
        QuotedText.append(b, chart.title());
        b.append(' ');
        QuotedText.append(b, chart.units());
        b.append(' ');
        QuotedText.append(b, chart.family());
        b.append(' ');
        QuotedText.append(b, chart.context());
        b.append(' ').append(chart.chartType().netdataName())
                .append(' ').append(chart.priority())
                .append(' ').append(chart.updateEvery())
                .append(' ');
        QuotedText.append(b, options);
        b.append(' ');
        QuotedText.append(b, chart.plugin());
        b.append(' ');
        QuotedText.append(b, chart.module());
        b.append('\n');
    }

    private void appendDimensionLine(Dimension d, String options) {
        StringBuilder b = buffer;
        b.append("DIMENSION ").append(d.id()).append(' ');
        QuotedText.append(b, d.name());
        b.append(' ').append(d.algorithm().netdataName())
                .append(' ').append(d.multiplier())
                .append(' ').append(d.divisor());
        if (!options.isEmpty()) {
            b.append(' ');
            QuotedText.append(b, options);
        }
        b.append('\n');
    }

    private void appendValues(long nowMicros, ChartState state, Sample sample) {
        StringBuilder b = buffer;
        b.append("BEGIN ").append(state.fullId);
        long elapsed = nowMicros - state.lastBeginMicros;
        // Without a positive interval Netdata measures the time itself, which beats a wrong value.
        if (state.begun && elapsed > 0) {
            b.append(' ').append(elapsed);
        }
        b.append('\n');
        state.begun = true;
        state.lastBeginMicros = nowMicros;

        List<Dimension> dims = sample.chart().dimensions();
        long[] values = sample.values();
        for (int i = 0; i < values.length; i++) {
            b.append("SET ").append(dims.get(i).id()).append(" = ").append(values[i]).append('\n');
        }
        b.append("END\n");
    }

    private void emit() {
        try {
            if (out instanceof PrintStream stream) {
                // bytes in one write: PrintStream's text path runs every character of the tick
                // through a charset encoder, the larger part of this writer's CPU
                byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
                stream.write(bytes, 0, bytes.length);
                stream.flush();
                if (stream.checkError()) {
                    // PrintStream swallows write errors; a closed pipe must still stop the collector.
                    throw new IOException("output to Netdata failed (pipe closed?)");
                }
                return;
            }
            out.append(buffer);
            if (out instanceof Flushable flushable) {
                flushable.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to Netdata", e);
        }
    }
}
