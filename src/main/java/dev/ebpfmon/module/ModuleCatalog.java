package dev.ebpfmon.module;

import dev.ebpfmon.module.fd.FdModule;
import dev.ebpfmon.module.process.ProcessModule;
import dev.ebpfmon.module.vfs.VfsModule;
import java.util.List;
import java.util.Optional;

/** Every module name Netdata's ebpf.plugin knows, and the ones this build implements. */
public final class ModuleCatalog {
    /** Netdata's thread names, in its menu order. */
    public static final List<String> NETDATA_MODULES = List.of("process", "fd", "vfs", "cachestat", "dcstat", "disk",
            "filesystem", "socket", "sync", "mount", "shm", "swap", "oomkill", "softirq", "hardirq", "mdflush");

    /** The modules this build implements. */
    public static final List<Module> IMPLEMENTED = List.of(new ProcessModule(), new FdModule(), new VfsModule());

    private ModuleCatalog() {}

    public static Optional<Module> find(String name) {
        return IMPLEMENTED.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
