package dev.ebpfmon.module.vfs;

import dev.ebpfmon.module.SyscallCounterModule;

/**
 * vfs: reads and writes (calls and bytes, every read/write-family syscall), unlink, fsync, open
 * and create, and in return mode their errors, through the shared dispatcher.
 */
public final class VfsModule extends SyscallCounterModule {
    public VfsModule() {
        super("vfs", VfsCounter.COUNT, VfsCharts::host, VfsCharts.groups());
    }
}
