package dev.ebpfmon.apps;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Cgroup id to path. On cgroup v2 a cgroup's id, the value {@code bpf_get_current_cgroup_id()}
 * returns, is the inode number of its directory in cgroupfs, so the index is a walk of the
 * tree. It is rebuilt when asked for an id it does not know (a new cgroup), at most once per
 * {@code minRescan} so that ids of cgroups already gone cannot make it walk every tick.
 */
final class CgroupIdIndex {

    private final Path root;
    private final InstantSource clock;
    private final Duration minRescan;
    private volatile Map<Long, String> paths = Map.of();
    private Instant lastScan = Instant.MIN;

    CgroupIdIndex(Path root, InstantSource clock, Duration minRescan) {
        this.root = root;
        this.clock = clock;
        this.minRescan = minRescan;
    }

    Optional<String> pathOf(long id) {
        String p = paths.get(id);
        if (p == null) {
            synchronized (this) {
                p = paths.get(id);
                Instant now = clock.instant();
                if (p == null && !now.isBefore(lastScan.plus(minRescan))) {
                    lastScan = now;
                    paths = scan();
                    p = paths.get(id);
                }
            }
        }
        return Optional.ofNullable(p);
    }

    private Map<Long, String> scan() {
        Map<Long, String> found = new HashMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    try {
                        Object ino = Files.getAttribute(dir, "unix:ino", LinkOption.NOFOLLOW_LINKS);
                        String rel = root.relativize(dir).toString();
                        found.put(((Number) ino).longValue(), "/" + rel);
                    } catch (IOException | UnsupportedOperationException e) {
                        // removed while walking, or not a Unix file system: skip this one
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE; // cgroups come and go under our feet
                }
            });
        } catch (IOException e) {
            // root missing or unreadable: no ids resolve, names fall back to ids
        }
        return Map.copyOf(found);
    }
}
