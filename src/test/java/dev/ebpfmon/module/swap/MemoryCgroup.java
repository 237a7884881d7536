package dev.ebpfmon.module.swap;

import dev.ebpfmon.module.KernelTests;
import java.nio.file.Files;
import java.nio.file.Path;

/** A cgroup v2 of the test's own with a memory limit (the memory controller switched on for it). */
final class MemoryCgroup {
    private MemoryCgroup() {}

    static Path create(int limitMib) throws Exception {
        Path root = KernelTests.cgroup2Mount();
        if (!Files.readString(root.resolve("cgroup.controllers")).contains("memory")) {
            throw new IllegalStateException("the memory controller is not on cgroup v2 at " + root
                    + " (a v1 hierarchy holds it): cannot limit a cgroup's memory");
        }
        Files.writeString(root.resolve("cgroup.subtree_control"), "+memory");
        Path cgroup = Files.createDirectory(root.resolve("ebpfmon-swap-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime()));
        Files.writeString(cgroup.resolve("memory.max"), limitMib + "M");
        return cgroup;
    }
}
