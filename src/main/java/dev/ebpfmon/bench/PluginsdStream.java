package dev.ebpfmon.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads what {@code ebpfmon netdata} writes for Netdata (the plugins.d protocol) and keeps only
 * what the benchmark checks: when the first tick ended, and the raw values of a few self charts.
 * Everything else is read and discarded, as Netdata would consume it.
 */
final class PluginsdStream {
    static final String AGENT_CPU = "netdata.ebpf_agent_cpu";
    static final String TICK_DURATION = "netdata.ebpf_tick_duration";
    static final String THREADS = "netdata.ebpf_threads";
    static final String KERNEL_MEMORY = "netdata.ebpf_kernel_memory";
    private static final Set<String> WATCHED = Set.of(AGENT_CPU, TICK_DURATION, THREADS, KERNEL_MEMORY);

    /** One value block of a watched chart: when it arrived (System.nanoTime) and its SET values. */
    record Block(long nanos, String chart, Map<String, Long> values) {}

    private final CountDownLatch firstEnd = new CountDownLatch(1);
    private final List<Block> blocks = new ArrayList<>();
    private volatile long firstEndNanos;
    private volatile long lines;

    /** Reads {@code out} to its end on a thread of its own. */
    static PluginsdStream follow(InputStream out) {
        PluginsdStream stream = new PluginsdStream();
        Thread.ofPlatform().daemon().name("bench-pluginsd").start(() -> stream.read(out));
        return stream;
    }

    private void read(InputStream out) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            String chart = null;
            Map<String, Long> values = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                if (line.startsWith("BEGIN ")) {
                    String[] parts = line.split(" ");
                    chart = parts[1];
                    values = WATCHED.contains(chart) ? new HashMap<>() : null;
                } else if (line.startsWith("SET ") && values != null) {
                    // SET <dimension> = <value>
                    String[] parts = line.split(" ");
                    if (parts.length == 4 && parts[2].equals("=")) {
                        values.put(parts[1], Long.parseLong(parts[3]));
                    }
                } else if (line.equals("END")) {
                    long now = System.nanoTime();
                    if (values != null) {
                        synchronized (blocks) {
                            blocks.add(new Block(now, chart, Map.copyOf(values)));
                        }
                    }
                    if (firstEnd.getCount() > 0) {
                        firstEndNanos = now;
                        firstEnd.countDown();
                    }
                    chart = null;
                    values = null;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the agent went away or wrote something unexpected: the run notices the agent's exit
        }
    }

    /** Waits for the end of the first tick; its System.nanoTime, or -1 on timeout. */
    long awaitFirstEnd(long timeoutSeconds) throws InterruptedException {
        return firstEnd.await(timeoutSeconds, TimeUnit.SECONDS) ? firstEndNanos : -1;
    }

    long lines() {
        return lines;
    }

    /** The watched chart's blocks that arrived in [fromNanos, toNanos). */
    List<Block> blocks(String chart, long fromNanos, long toNanos) {
        synchronized (blocks) {
            return blocks.stream().filter(b -> b.chart.equals(chart) && b.nanos >= fromNanos && b.nanos < toNanos).toList();
        }
    }

    /** The watched chart's last block before {@code nanos}, if any. */
    Block lastBefore(String chart, long nanos) {
        synchronized (blocks) {
            Block last = null;
            for (Block b : blocks) {
                if (b.chart.equals(chart) && b.nanos < nanos) {
                    last = b;
                }
            }
            return last;
        }
    }
}
