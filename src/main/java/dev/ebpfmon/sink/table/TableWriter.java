package dev.ebpfmon.sink.table;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.RateCalculator;
import dev.ebpfmon.chart.Sample;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A plain-text view of every tick for a terminal: a time header, then per chart its context, title
 * and units and the per-second value of each visible dimension, several to a line when they fit in
 * {@value #WIDTH} columns. Values are those Netdata would draw ({@link RateCalculator}); a counter
 * shows {@code -} until its second sample. Not thread-safe.
 */
public final class TableWriter {

    static final int WIDTH = 80;

    private static final String INDENT = "  ";
    private static final String GAP = "   ";
    private static final int MAX_NAME_WIDTH = 24;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Appendable out;
    private final ZoneId zone;
    private final RateCalculator rates = new RateCalculator();
    private final StringBuilder buffer = new StringBuilder(4096);
    private final StringBuilder cell = new StringBuilder(WIDTH);

    /** Shows times in the system's time zone. */
    public TableWriter(Appendable out) {
        this(out, ZoneId.systemDefault());
    }

    public TableWriter(Appendable out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    /**
     * Writes one tick.
     *
     * @param nowMillis wall-clock time of the collection, shown in the header and used for rates
     * @throws UncheckedIOException when the output fails
     */
    public void write(long nowMillis, List<Sample> samples) {
        StringBuilder b = buffer;
        b.setLength(0);
        appendHeader(nowMillis);
        for (Sample sample : samples) {
            appendChart(sample.chart(), rates.rates(nowMillis, sample));
        }
        try {
            out.append(b);
            if (out instanceof Flushable flushable) {
                flushable.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the table", e);
        }
    }

    /** Drops the rate state of a chart that is gone for good, so that churning charts do not pile up. */
    public void forget(Chart chart) {
        rates.forget(chart);
    }

    private void appendHeader(long nowMillis) {
        StringBuilder b = buffer;
        int start = b.length();
        b.append("---- ");
        TIME.formatTo(Instant.ofEpochMilli(nowMillis).atZone(zone), b);
        b.append(' ');
        while (b.length() - start < WIDTH) {
            b.append('-');
        }
        b.append('\n');
    }

    private void appendChart(Chart chart, double[] values) {
        StringBuilder b = buffer;
        int start = b.length();
        b.append(chart.context());
        if (!chart.title().isEmpty()) {
            b.append(": ").append(chart.title());
        }
        if (!chart.units().isEmpty()) {
            b.append(" (").append(chart.units()).append(')');
        }
        truncate(b, start, WIDTH);
        b.append('\n');

        List<Dimension> dims = chart.dimensions();
        int nameWidth = 1;
        for (Dimension d : dims) {
            if (!d.hidden()) {
                nameWidth = Math.max(nameWidth, Math.min(MAX_NAME_WIDTH, d.name().length()));
            }
        }
        int cellWidth = nameWidth + 1 + HumanNumber.MAX_WIDTH;
        int perLine = Math.max(1, (WIDTH - INDENT.length() + GAP.length()) / (cellWidth + GAP.length()));

        int onLine = 0;
        for (int i = 0; i < dims.size(); i++) {
            Dimension d = dims.get(i);
            if (d.hidden()) {
                continue;
            }
            b.append(onLine == 0 ? INDENT : GAP);
            appendCell(d.name(), nameWidth, values[i]);
            if (++onLine == perLine) {
                b.append('\n');
                onLine = 0;
            }
        }
        if (onLine > 0) {
            b.append('\n');
        }
    }

    private void appendCell(String name, int nameWidth, double value) {
        StringBuilder b = buffer;
        int start = b.length();
        b.append(name);
        truncate(b, start, nameWidth);
        pad(b, start + nameWidth + 1);

        cell.setLength(0);
        HumanNumber.append(cell, value);
        pad(b, b.length() + HumanNumber.MAX_WIDTH - cell.length());
        b.append(cell);
    }

    /** Cuts what was appended since {@code start} to {@code width} characters, marking the cut. */
    private static void truncate(StringBuilder b, int start, int width) {
        if (b.length() - start > width) {
            b.setLength(start + width - 1);
            b.append('~');
        }
    }

    private static void pad(StringBuilder b, int untilLength) {
        while (b.length() < untilLength) {
            b.append(' ');
        }
    }
}
