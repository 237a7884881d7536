package dev.ebpfmon.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A loop device of a kernel test's own, over a sparse file: set up with losetup, detached on close.
 * Tests that count a device's requests open it through a node of their own ({@link #nodeAt}), so
 * that udev, which watches /dev/loopN for writers closing it and then probes it, never hears of
 * them; when udev runs, the set-up waits until it has probed the new device.
 */
public final class LoopDevice implements AutoCloseable {
    private final Path device;
    private final int major;
    private final int minor;

    private LoopDevice(Path device, int major, int minor) {
        this.device = device;
        this.major = major;
        this.minor = minor;
    }

    /** A loop device over {@code backing}, made a sparse file of {@code bytes}. */
    public static LoopDevice over(Path backing, long bytes) throws IOException, InterruptedException {
        try (var file = new java.io.RandomAccessFile(backing.toFile(), "rw")) {
            file.setLength(bytes);
        }
        Path device = Path.of(run("losetup", "--find", "--show", backing.toString()).strip());
        try {
            String[] numbers = run("lsblk", "--nodeps", "--noheadings", "--output", "MAJ:MIN", device.toString())
                    .strip().split(":");
            LoopDevice loop = new LoopDevice(device, Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1]));
            settleUdev();
            return loop;
        } catch (IOException | RuntimeException | InterruptedException e) {
            run("losetup", "--detach", device.toString());
            throw e;
        }
    }

    /** Waits for udev's work on new devices, when udev runs (it does not on our machines or in the matrix' guests). */
    public static void settleUdev() throws IOException, InterruptedException {
        if (Files.exists(Path.of("/run/udev/control"))) {
            run("udevadm", "settle", "--timeout=30");
        }
    }

    public Path device() {
        return device;
    }

    /** The kernel's name, as /proc/partitions and /proc/diskstats have it ({@code loop3}). */
    public String name() {
        return device.getFileName().toString();
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    /** Makes {@code node} a block device node of this device. */
    public void nodeAt(Path node) throws IOException, InterruptedException {
        run("mknod", node.toString(), "b", Integer.toString(major), Integer.toString(minor));
    }

    /** This device's line of /proc/diskstats, split into fields (the counters start at index 3). */
    public long[] diskstats() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[2].equals(name())) {
                long[] counters = new long[f.length - 3];
                for (int i = 0; i < counters.length; i++) {
                    counters[i] = Long.parseLong(f[i + 3]);
                }
                return counters;
            }
        }
        throw new IllegalStateException(name() + " is not in /proc/diskstats");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("losetup", "--detach", device.toString());
    }

    /** Runs a command to its end; its output, or an exception with the output when it fails. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text.strip());
        }
        return text;
    }
}
