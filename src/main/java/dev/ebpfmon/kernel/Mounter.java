package dev.ebpfmon.kernel;

import java.nio.file.Path;
import java.util.Optional;

/** Mounts a pseudo filesystem; an interface so tests never mount anything for real. */
@FunctionalInterface
interface Mounter {

    /** @return empty on success, otherwise why it failed */
    Optional<String> mount(String source, Path target, String fsType);

    static Mounter refusing(String why) {
        return (source, target, fsType) -> Optional.of(why);
    }
}
