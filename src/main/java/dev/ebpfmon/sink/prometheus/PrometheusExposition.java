package dev.ebpfmon.sink.prometheus;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * ebpfmon's charts as Prometheus metrics, in the Prometheus text format or OpenMetrics.
 *
 * <p>Each chart becomes one metric family named after its context ({@code ebpfmon_} + context,
 * dots as underscores, plus a base-unit suffix): incremental charts become counters of the
 * collected totals, absolute charts gauges, and charts of log2 latency buckets histograms. Series
 * are labelled {@code dimension} (the dimension's name) and {@code module}; {@code apps.*} charts
 * carry {@code app} instead of {@code dimension}, {@code cgroup.*}/{@code services.*} charts also
 * {@code cgroup}. See the package documentation for the full table.
 *
 * <p>Thread-safe: {@link #update} (from the collection thread) keeps the latest samples; a scrape
 * ({@link #write}, from HTTP threads) assembles them into a snapshot when they changed since the
 * last one, so that ticks nobody scrapes cost no assembly.
 */
public final class PrometheusExposition {

    /** A chart that has not been collected for this many of its update intervals is dropped. */
    static final int STALE_AFTER_INTERVALS = 3;

    private final SnapshotAssembler assembler;
    private final LongSupplier nanoClock;
    private final ExpositionFormatWriter openMetrics;
    private final ExpositionFormatWriter text;
    /** The last sample of every chart, by full id; only the updating thread touches it. */
    private final Map<String, Seen> latest = new LinkedHashMap<>();
    private MetricSnapshots current = MetricSnapshots.builder().build();
    /** The samples changed since {@link #current} was assembled. */
    private boolean changed;

    private record Seen(Sample sample, long atNanos) {}

    public PrometheusExposition() {
        this(Map.of());
    }

    /**
     * @param histogramsByContext chart contexts whose dimensions are histogram buckets, with their
     *                            bounds; charts named like Netdata's log2 latency buckets are
     *                            recognised without a hint
     */
    public PrometheusExposition(Map<String, HistogramHint> histogramsByContext) {
        this(histogramsByContext, System::nanoTime);
    }

    PrometheusExposition(Map<String, HistogramHint> histogramsByContext, LongSupplier nanoClock) {
        this.assembler = new SnapshotAssembler(histogramsByContext);
        this.nanoClock = nanoClock;
        ExpositionFormats formats = ExpositionFormats.init();
        this.openMetrics = formats.getOpenMetricsTextFormatWriter();
        this.text = formats.getPrometheusTextFormatWriter();
    }

    /**
     * Takes one tick's samples: raw values, running totals for incremental dimensions. Charts not
     * in {@code samples} keep their last values (modules collect on their own intervals) until
     * they are {@value #STALE_AFTER_INTERVALS} intervals old; then they disappear, as a stopped
     * application's or cgroup's chart should.
     */
    public synchronized void update(List<Sample> samples) {
        long now = nanoClock.getAsLong();
        for (Sample sample : samples) {
            String key = sample.chart().fullId();
            // re-inserted so that the order of the latest tick wins
            latest.remove(key);
            latest.put(key, new Seen(sample, now));
        }
        for (Iterator<Seen> it = latest.values().iterator(); it.hasNext(); ) {
            Seen seen = it.next();
            long maxAge = TimeUnit.SECONDS.toNanos((long) STALE_AFTER_INTERVALS * seen.sample().chart().updateEvery());
            if (now - seen.atNanos() > maxAge) {
                it.remove();
            }
        }
        changed = true;
    }

    /** Drops charts that are gone for good (a stopped cgroup) from what is exposed, at once. */
    public synchronized void retire(List<Chart> charts) {
        if (charts.isEmpty()) {
            return;
        }
        for (Chart chart : charts) {
            latest.remove(chart.fullId());
        }
        changed = true;
    }

    /** The metrics as of the last update, assembled now if they changed since the last scrape. */
    private synchronized MetricSnapshots snapshot() {
        if (changed) {
            List<Sample> live = new ArrayList<>(latest.size());
            latest.values().forEach(seen -> live.add(seen.sample()));
            current = assembler.assemble(live);
            changed = false;
        }
        return current;
    }

    /** The content type {@link #write} uses for a request with this {@code Accept} header (may be null). */
    public String contentType(String acceptHeader) {
        return writerFor(acceptHeader).getContentType();
    }

    /**
     * Writes the current metrics: OpenMetrics when {@code acceptHeader} asks for
     * {@code application/openmetrics-text}, else the Prometheus text format 0.0.4.
     */
    public void write(OutputStream out, String acceptHeader) throws IOException {
        writerFor(acceptHeader).write(out, snapshot());
    }

    private ExpositionFormatWriter writerFor(String acceptHeader) {
        // Prometheus lists OpenMetrics first with q-values on the rest; any mention means it can parse it
        return acceptHeader != null && openMetrics.accepts(acceptHeader) ? openMetrics : text;
    }
}
