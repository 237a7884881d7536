package dev.ebpfmon.kernel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the tracing filesystem is usable, which tracepoint and kprobe attachment need.
 *
 * @param dir         the populated tracefs directory, empty when none is usable
 * @param mountedByUs true when ebpfmon mounted it during inspection
 * @param failure     why no tracefs is usable; empty when {@code dir} is present
 */
public record Tracefs(Optional<Path> dir, boolean mountedByUs, Optional<String> failure) {

    public boolean usable() {
        return dir.isPresent();
    }

    static Tracefs at(Path dir, boolean mountedByUs) {
        return new Tracefs(Optional.of(dir), mountedByUs, Optional.empty());
    }

    static Tracefs unusable(String why) {
        return new Tracefs(Optional.empty(), false, Optional.of(why));
    }
}
