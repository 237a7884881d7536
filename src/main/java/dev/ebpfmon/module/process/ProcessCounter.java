package dev.ebpfmon.module.process;

/** Counter ids of the process module, in the order of `enum process_counter` in src/main/bpf/modules/process/process.h. */
public enum ProcessCounter {
    PROCESS_CREATE, THREAD_CREATE, TASK_EXIT, TASK_RELEASE, PROCESS_ERR, THREAD_ERR;

    public static final int COUNT = values().length;

    public int id() {
        return ordinal();
    }
}
