package dev.ebpfmon.module.vfs;

/** Counter ids of the vfs module, in the order of `enum vfs_counter` in src/main/bpf/modules/vfs/vfs.h. */
public enum VfsCounter {
    READ_CALL, READ_BYTES, READ_ERR,
    WRITE_CALL, WRITE_BYTES, WRITE_ERR,
    UNLINK_CALL, UNLINK_ERR,
    FSYNC_CALL, FSYNC_ERR,
    OPEN_CALL, OPEN_ERR,
    CREATE_CALL, CREATE_ERR;

    public static final int COUNT = values().length;

    public int id() {
        return ordinal();
    }
}
