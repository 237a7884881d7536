package dev.ebpfmon.module.mount;

/** Counter ids of the mount module, in the order of `enum mount_counter` in src/main/bpf/modules/mount/mount.h. */
public enum MountCounter {
    MOUNT_CALL, UMOUNT_CALL, MOUNT_ERR, UMOUNT_ERR;

    public static final int COUNT = values().length;

    public int id() {
        return ordinal();
    }
}
