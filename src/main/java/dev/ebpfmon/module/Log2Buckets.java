package dev.ebpfmon.module;

import dev.ebpfmon.chart.Dimension;
import java.util.ArrayList;
import java.util.List;

/**
 * The dimensions of Netdata's log2 latency histograms (disk, filesystem, IRQ latency): bucket
 * {@code i} counts latencies up to 2^i us, named {@code 0us->1us}, {@code 1us->2us}, ...,
 * {@code 512us->1ms}, ..., {@code 4s->+Inf}, each an incremental counter (id = name). The C side
 * buckets with {@code latency_bucket()} of include/bits.bpf.h; the Prometheus sink recognises these
 * names and exposes the chart as a histogram.
 */
public final class Log2Buckets {
    /** Netdata's bucket count, LOG2_BUCKETS in bits.bpf.h. */
    public static final int COUNT = 24;

    private Log2Buckets() {}

    public static List<Dimension> dimensions() {
        List<Dimension> dimensions = new ArrayList<>(COUNT);
        for (String name : names()) {
            dimensions.add(Dimension.incremental(name));
        }
        return dimensions;
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT - 1; i++) {
            long lower = i == 0 ? 0 : 1L << (i - 1);
            names.add(text(lower) + "->" + text(1L << i));
        }
        names.add(text(1L << (COUNT - 2)) + "->+Inf");
        return names;
    }

    private static String text(long us) {
        if (us <= 1000) {
            return us + "us";
        }
        return us <= 1_000_000 ? us / 1000 + "ms" : us / 1_000_000 + "s";
    }
}
