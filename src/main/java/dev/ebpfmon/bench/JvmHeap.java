package dev.ebpfmon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent JVM's heap as {@code jstat -gc} shows it from outside. The JVM's RSS grows while the
 * young generation is filled for the first time (every page of eden touched once) and while
 * long-lived objects (the history's rings, chart definitions) are promoted; after that it is flat
 * unless something keeps growing. The counters are updated at collections.
 *
 * @param edenCapacityBytes the young generation's eden, committed
 * @param oldUsedBytes      the old generation in use (after the last collection)
 * @param youngCollections  young collections since the JVM started
 */
record JvmHeap(long edenCapacityBytes, long oldUsedBytes, long oldCapacityBytes, int youngCollections, int fullCollections) {
    static JvmHeap of(long pid) throws IOException, InterruptedException {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        Process p = new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jstat -gc " + pid + " failed: " + out);
        }
        return parse(out);
    }

    /** The header and value lines of {@code jstat -gc} (sizes in KiB). */
    static JvmHeap parse(String out) {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) {
            throw new IllegalArgumentException("unexpected jstat output: " + out);
        }
        List<String> names = Arrays.asList(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        return new JvmHeap(kib(names, values, "EC"), kib(names, values, "OU"), kib(names, values, "OC"),
                (int) number(names, values, "YGC"), (int) number(names, values, "FGC"));
    }

    private static long kib(List<String> names, String[] values, String column) {
        return Math.round(number(names, values, column) * 1024);
    }

    private static double number(List<String> names, String[] values, String column) {
        int at = names.indexOf(column);
        if (at < 0 || at >= values.length) {
            throw new IllegalArgumentException("jstat -gc has no column " + column + ": " + names);
        }
        return Double.parseDouble(values[at]);
    }
}
