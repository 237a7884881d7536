package dev.ebpfmon.module.swap;

import java.nio.file.Files;
import java.nio.file.Path;

/** A zram swap device of the test's own, taken from the zram driver's pool and given back. */
final class SwapDevice implements AutoCloseable {
    private static final Path CONTROL = Path.of("/sys/class/zram-control");

    private final int id;
    private boolean swapOn;

    private SwapDevice(int id) {
        this.id = id;
    }

    static SwapDevice zram(int mib) throws Exception {
        if (!Files.isDirectory(CONTROL)) {
            Commands.run("modprobe", "zram");
        }
        int id = Integer.parseInt(Files.readString(CONTROL.resolve("hot_add")).strip());
        SwapDevice device = new SwapDevice(id);
        try {
            Files.writeString(Path.of("/sys/block/zram" + id + "/disksize"), mib + "M");
            Commands.run("mkswap", device.path());
            Commands.run("swapon", "--priority", "32767", device.path());
            device.swapOn = true;
            return device;
        } catch (Exception | Error e) {
            device.close();
            throw e;
        }
    }

    String path() {
        return "/dev/zram" + id;
    }

    @Override
    public void close() throws Exception {
        if (swapOn) {
            Commands.run("swapoff", path());
        }
        Files.writeString(CONTROL.resolve("hot_remove"), String.valueOf(id));
    }
}
