package dev.ebpfmon.module;

import java.util.List;

/**
 * A counter module served by the shared syscall dispatcher (fd, vfs, sync, mount, shm): its
 * handlers are compiled into the dispatcher's object, and so are its counters. Its handlers count
 * a call in the caller's record when counting per process, else in the host slot.
 */
public abstract class SyscallCounterModule extends CounterModule {

    protected SyscallCounterModule(ModuleInfo info, int counters, boolean perProcess) {
        super(info, counters, perProcess);
    }

    @Override
    protected final boolean hostSlotSkipsRecords() {
        return true;
    }

    @Override
    protected final String countersObject() {
        return SyscallDispatcher.OBJECT;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        return List.of(SyscallDispatcher.use(context));
    }
}
