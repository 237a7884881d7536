package dev.ebpfmon.config;

import java.util.List;
import java.util.Map;

/** Module defaults as a build with process, fd and vfs on by default and socket's two file names would give. */
final class TestModules {
    private TestModules() {}

    static final ModuleDefaults DEFAULTS = new ModuleDefaults(Map.of(
            "process", new ModuleDefaults.Entry(true, List.of("process.conf")),
            "fd", new ModuleDefaults.Entry(true, List.of("fd.conf")),
            "vfs", new ModuleDefaults.Entry(true, List.of("vfs.conf")),
            "socket", new ModuleDefaults.Entry(false, List.of("network.conf", "socket.conf"))));

    static EbpfConfig load(ConfigDirs dirs) {
        return ConfigLoader.load(dirs, DEFAULTS);
    }
}
