package dev.ebpfmon.module.disk;

import dev.ebpfmon.module.TextCursor;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code /proc/diskstats} says each block device completed: reads, writes, discards (since
 * 4.18) and flushes (since 5.5), which are the requests block:block_rq_complete sees, counted
 * once each when the kernel accounts them. Keyed by device number as {@link PartitionTable} encodes it.
 */
final class DiskStats {
    /** Fields after the name: reads completed is the 1st, writes the 5th, discards the 12th, flushes the 16th. */
    private static final int[] COMPLETED = {0, 4, 11, 15};
    /** Fewer counters than this: not a device's line (the oldest kernels write 11). */
    private static final int MIN_COUNTERS = 5;

    private DiskStats() {}

    /** Completed requests per device; lines that are not a device's counters are skipped. */
    static Map<Integer, Long> completed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return completed(bytes, bytes.length);
    }

    /** {@link #completed(String)} of the file's bytes {@code [0, length)}, decoded in place (read every tick). */
    static Map<Integer, Long> completed(byte[] bytes, int length) {
        TextCursor line = new TextCursor().reset(bytes, length);
        Map<Integer, Long> completed = new HashMap<>();
        while (line.nextLine()) {
            if (!line.nextField() || !line.fieldIsCount() || line.count() > Integer.MAX_VALUE) {
                continue;
            }
            int major = (int) line.count();
            if (!line.nextField() || !line.fieldIsCount() || line.count() > Integer.MAX_VALUE) {
                continue;
            }
            int minor = (int) line.count();
            if (!line.nextField()) {
                continue; // no name
            }
            long sum = 0;
            int field = 0;
            int wanted = 0;
            boolean more;
            while ((more = line.nextField()) && line.fieldIsCount()) {
                if (wanted < COMPLETED.length && field == COMPLETED[wanted]) {
                    sum += line.count();
                    wanted++;
                }
                field++;
            }
            if (field < MIN_COUNTERS || more) {
                continue; // too short, or a field that is not a counter: not a device line
            }
            try {
                completed.put(PartitionTable.dev(major, minor), sum);
            } catch (ArithmeticException e) {
                // not a device number
            }
        }
        return completed;
    }
}
