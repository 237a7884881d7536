package dev.ebpfmon.module.fd;

/** Counter ids of the fd module, in the order of `enum fd_counter` in src/main/bpf/modules/fd/fd.h. */
public enum FdCounter {
    OPEN_CALL, OPEN_ERR, CLOSE_CALL, CLOSE_ERR;

    public static final int COUNT = values().length;

    public int id() {
        return ordinal();
    }
}
