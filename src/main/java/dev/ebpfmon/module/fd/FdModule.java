package dev.ebpfmon.module.fd;

import dev.ebpfmon.module.SyscallCounterModule;

/** fd: open and close calls (and, in return mode, their errors), through the shared dispatcher. */
public final class FdModule extends SyscallCounterModule {
    public FdModule() {
        super("fd", FdCounter.COUNT, FdCharts::host, FdCharts.groups());
    }
}
