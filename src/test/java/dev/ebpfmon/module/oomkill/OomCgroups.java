package dev.ebpfmon.module.oomkill;

import dev.ebpfmon.module.KernelTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A cgroup whose memory the test limits to {@link #LIMIT}, for the oom-* workload ops: a cgroup v2
 * directory of the test's own (the one the per-process record names, so that its chart can be
 * found), limited by v2's memory controller where the hierarchy has it, and otherwise by a cgroup
 * v1 memory cgroup of the same name (our host: a hybrid hierarchy, memory on v1). Linked into the
 * workload's directory as {@code cg2} and {@code memcg}.
 */
final class OomCgroups implements AutoCloseable {
    static final String LIMIT = "32M";
    private static final Path V1_MEMORY = Path.of("/sys/fs/cgroup/memory");

    private final Path v2;
    private final Optional<Path> v1;

    private OomCgroups(Path v2, Optional<Path> v1) {
        this.v2 = v2;
        this.v1 = v1;
    }

    static OomCgroups create(Path workloadDir, String name) throws Exception {
        Path root = KernelTests.cgroup2Mount();
        Path v2 = Files.createDirectory(root.resolve(name));
        try {
            Files.createSymbolicLink(workloadDir.resolve("cg2"), v2);
            if (List.of(Files.readString(root.resolve("cgroup.controllers")).split("\\s+")).contains("memory")) {
                if (!Files.exists(v2.resolve("memory.max"))) {
                    Files.writeString(root.resolve("cgroup.subtree_control"), "+memory");
                    Files.delete(v2);
                    Files.createDirectory(v2);
                }
                Files.writeString(v2.resolve("memory.max"), LIMIT);
                writeIfPresent(v2.resolve("memory.swap.max"), "0");
                return new OomCgroups(v2, Optional.empty());
            }
            if (!Files.isDirectory(V1_MEMORY)) {
                throw new IllegalStateException("no memory controller: neither " + root + " nor " + V1_MEMORY + " has one");
            }
            Path v1 = Files.createDirectory(V1_MEMORY.resolve(name));
            Files.writeString(v1.resolve("memory.limit_in_bytes"), LIMIT);
            writeIfPresent(v1.resolve("memory.memsw.limit_in_bytes"), LIMIT);
            Files.createSymbolicLink(workloadDir.resolve("memcg"), v1);
            return new OomCgroups(v2, Optional.of(v1));
        } catch (Exception | Error e) {
            KernelTests.removeCgroup(v2);
            throw e;
        }
    }

    private static void writeIfPresent(Path file, String value) throws IOException {
        if (Files.exists(file)) {
            Files.writeString(file, value);
        }
    }

    /** The cgroup v2 id of the cgroup, as the per-process record holds it. */
    long id() throws IOException {
        return ((Number) Files.getAttribute(v2, "unix:ino")).longValue();
    }

    Path v2() {
        return v2;
    }

    @Override
    public void close() throws Exception {
        try {
            KernelTests.removeCgroup(v2);
        } finally {
            if (v1.isPresent()) {
                KernelTests.removeCgroup(v1.get());
            }
        }
    }
}
