package dev.ebpfmon.module;

/**
 * How a module runs, or why it does not: one line of `ebpfmon check`, the log and the self chart.
 *
 * @param how for a running module, e.g. "tracepoint: tp_btf sys_enter (shared dispatcher)"
 * @param reason for a module that does not run, the cause in the kernel's or config's words
 */
public record ModuleStatus(String module, State state, String how, String reason) {
    public enum State { RUNNING, UNAVAILABLE, DISABLED }

    public static ModuleStatus running(String module, String how) {
        return new ModuleStatus(module, State.RUNNING, how, "");
    }

    public static ModuleStatus unavailable(String module, String reason) {
        return new ModuleStatus(module, State.UNAVAILABLE, "", reason);
    }

    public static ModuleStatus disabled(String module, String reason) {
        return new ModuleStatus(module, State.DISABLED, "", reason);
    }

    public boolean runs() {
        return state == State.RUNNING;
    }
}
