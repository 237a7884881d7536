package dev.ebpfmon.module.disk;

import dev.ebpfmon.module.Fields;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Block device names by device number, as {@code /proc/partitions} lists them
 * ({@code major minor #blocks name} after a header line). Numbers are the kernel's own encoding of
 * a {@code dev_t} ({@code major << 20 | minor}), which is how the BPF side keys its disks.
 */
final class PartitionTable {
    /** The kernel's MINORBITS (DISK_MINOR_BITS in disk.h). */
    static final int MINOR_BITS = 20;
    private static final int MINOR_MASK = (1 << MINOR_BITS) - 1;

    private final Map<Integer, String> names;

    private PartitionTable(Map<Integer, String> names) {
        this.names = names;
    }

    /** Lines that are not four fields with two numbers first (the header, blank lines) are skipped. */
    static PartitionTable parse(String text) {
        Map<Integer, String> names = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = Fields.of(line);
            // not the "major minor #blocks name" header, nor a line that is not a device (read every
            // tick: told apart without the cost of an exception)
            if (f.length != 4 || !isNumber(f[0]) || !isNumber(f[1])) {
                continue;
            }
            try {
                names.put(dev(Integer.parseInt(f[0]), Integer.parseInt(f[1])), f[3]);
            } catch (NumberFormatException | ArithmeticException e) {
                // a number too large for a device
            }
        }
        return new PartitionTable(Map.copyOf(names));
    }

    private static boolean isNumber(String field) {
        return !field.isEmpty() && field.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    Optional<String> name(int dev) {
        return Optional.ofNullable(names.get(dev));
    }

    int size() {
        return names.size();
    }

    /** @throws ArithmeticException for numbers the kernel's dev_t cannot hold */
    static int dev(int major, int minor) {
        if (major < 0 || major >= 1 << (Integer.SIZE - MINOR_BITS) || minor < 0 || minor > MINOR_MASK) {
            throw new ArithmeticException("no dev_t for " + major + ":" + minor);
        }
        return major << MINOR_BITS | minor;
    }

    static int major(int dev) {
        return dev >>> MINOR_BITS;
    }

    static int minor(int dev) {
        return dev & MINOR_MASK;
    }

    /** {@code major:minor}, as sysfs names devices under /sys/dev/block. */
    static String text(int dev) {
        return major(dev) + ":" + minor(dev);
    }
}
