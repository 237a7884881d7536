package dev.ebpfmon.module.sync;

/**
 * Counter ids of the sync module, in the order of `enum sync_counter` in
 * src/main/bpf/modules/sync/sync.h: one per call, named as sync.conf's {@code [syscalls]} keys
 * and Netdata's dimensions name them.
 */
public enum SyncCounter {
    SYNC("sync"), SYNCFS("syncfs"), FSYNC("fsync"), FDATASYNC("fdatasync"), MSYNC("msync"),
    SYNC_FILE_RANGE("sync_file_range");

    public static final int COUNT = values().length;

    private final String syscall;

    SyncCounter(String syscall) {
        this.syscall = syscall;
    }

    public int id() {
        return ordinal();
    }

    /** The call's name: its key in {@code [syscalls]} and its dimension's id. */
    public String syscall() {
        return syscall;
    }
}
