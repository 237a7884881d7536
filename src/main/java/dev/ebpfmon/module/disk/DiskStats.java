package dev.ebpfmon.module.disk;

import dev.ebpfmon.module.Fields;
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
    private static final int NAME_AND_NUMBERS = 3;

    private DiskStats() {}

    /** Completed requests per device; lines that are not a device's counters are skipped. */
    static Map<Integer, Long> completed(String text) {
        Map<Integer, Long> completed = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = Fields.of(line);
            if (f.length < NAME_AND_NUMBERS + 5) {
                continue;
            }
            try {
                long sum = 0;
                for (int field : COMPLETED) {
                    if (NAME_AND_NUMBERS + field < f.length) {
                        sum += Long.parseLong(f[NAME_AND_NUMBERS + field]);
                    }
                }
                completed.put(PartitionTable.dev(Integer.parseInt(f[0]), Integer.parseInt(f[1])), sum);
            } catch (NumberFormatException | ArithmeticException e) {
                // not a device line
            }
        }
        return completed;
    }
}
