package dev.ebpfmon.module;

import dev.ebpfmon.config.LoadMode;
import java.util.List;
import java.util.Map;

/**
 * The shared sys_enter/sys_exit dispatcher (syscalls.bpf.c). A syscall-based module asks for it
 * with its load mode; modules in the same mode share one attached program, and a side nobody
 * counts on is not attached at all.
 */
public final class SyscallDispatcher {
    public static final String OBJECT = "syscalls";

    /** Values of the `<module>_mode` globals (include/modes.h). */
    static final long MODE_ENTRY = 1;
    static final long MODE_RETURN = 2;

    private static final ProbePoint SYS_ENTER =
            ProbePoint.tracepoint("sys_enter", "sys_enter_btf", "sys_enter_raw");
    private static final ProbePoint SYS_EXIT =
            ProbePoint.tracepoint("sys_exit", "sys_exit_btf", "sys_exit_raw");

    private SyscallDispatcher() {}

    /**
     * @param module the module whose handlers to switch on (its `<module>_mode` global)
     * @param maps the module's maps in the dispatcher object, with their sizes
     */
    public static ObjectUse use(String module, LoadMode mode, Map<String, Integer> maps) {
        boolean entry = mode == LoadMode.ENTRY;
        return new ObjectUse(OBJECT, List.of(entry ? SYS_ENTER : SYS_EXIT),
                Map.of(module + "_mode", entry ? MODE_ENTRY : MODE_RETURN), maps);
    }
}
