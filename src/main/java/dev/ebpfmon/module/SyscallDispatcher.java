package dev.ebpfmon.module;

import java.util.List;
import java.util.Map;

/**
 * The shared sys_enter/sys_exit dispatcher (core/syscalls.bpf.c). A syscall-based module asks for
 * it in its load mode; modules in the same mode share one attached program, and a side nobody
 * counts on is not attached at all.
 */
public final class SyscallDispatcher {
    public static final String OBJECT = "syscalls";

    /** Values of the `<module>_mode` globals (include/modes.h). */
    public static final long MODE_ENTRY = 1;
    public static final long MODE_RETURN = 2;

    static final ProbePoint SYS_ENTER = ProbePoint.tracepoint("sys_enter", "sys_enter_btf", "sys_enter_raw");
    static final ProbePoint SYS_EXIT = ProbePoint.tracepoint("sys_exit", "sys_exit_btf", "sys_exit_raw");

    private SyscallDispatcher() {}

    /**
     * The dispatcher serving {@code context}'s module on the side of its load mode, with the
     * module's globals ({@code <m>_mode}, {@code <m>_pid_offset}) and its host counters
     * ({@code <m>_global}).
     */
    public static ObjectUse use(ModuleContext context) {
        boolean entry = !context.returnMode();
        return new ObjectUse(OBJECT, List.of(entry ? SYS_ENTER : SYS_EXIT),
                CounterModule.globals(context.module(), entry ? MODE_ENTRY : MODE_RETURN, context),
                Map.of(CounterModule.hostMap(context.module()), MapSpec.compiled()));
    }
}
