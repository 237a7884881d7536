package dev.ebpfmon.module.filesystem;

import static dev.ebpfmon.module.filesystem.FsOp.OPEN;
import static dev.ebpfmon.module.filesystem.FsOp.READ;
import static dev.ebpfmon.module.filesystem.FsOp.SYNC;
import static dev.ebpfmon.module.filesystem.FsOp.WRITE;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The filesystem types Netdata times (enum fs_type of filesystem.h, in its order), each with the
 * kernel functions of its operations (netdata-reference.md 4.7) and the BPF programs written for
 * each function ({@code fs_<program>_entry}, {@code _exit}, {@code _kprobe}, {@code _kretprobe}).
 */
enum Filesystem {
    EXT4("sync", List.of("ext4"), hook(READ, "ext4_file_read_iter", "ext4_read"),
            hook(WRITE, "ext4_file_write_iter", "ext4_write"), hook(OPEN, "ext4_file_open", "ext4_open"),
            hook(SYNC, "ext4_sync_file", "ext4_sync")),
    XFS("sync", List.of("xfs"), hook(READ, "xfs_file_read_iter", "xfs_read"),
            hook(WRITE, "xfs_file_write_iter", "xfs_write"), hook(OPEN, "xfs_file_open", "xfs_open"),
            hook(SYNC, "xfs_file_fsync", "xfs_sync")),
    NFS("attribute", List.of("nfs", "nfs4"), hook(READ, "nfs_file_read", "nfs_read"),
            hook(WRITE, "nfs_file_write", "nfs_write"), hook(OPEN, "nfs_file_open", "nfs_open"),
            hook(OPEN, "nfs4_file_open", "nfs_open4"), hook(SYNC, "nfs_getattr", "nfs_attr")),
    ZFS("sync", List.of("zfs"), hook(READ, "zpl_iter_read", "zfs_read"), hook(WRITE, "zpl_iter_write", "zfs_write"),
            hook(OPEN, "zpl_open", "zfs_open"), hook(SYNC, "zpl_fsync", "zfs_sync")),
    BTRFS("sync", List.of("btrfs"), hook(READ, "btrfs_file_read_iter", "btrfs_read"),
            hook(WRITE, "btrfs_file_write_iter", "btrfs_write"), hook(OPEN, "btrfs_file_open", "btrfs_open"),
            hook(SYNC, "btrfs_sync_file", "btrfs_sync"));

    /** One kernel function timed for an operation, and the stem of its programs' names. */
    record Hook(FsOp op, String function, String program) {
        String entryProgram() {
            return "fs_" + program + "_entry";
        }

        String exitProgram() {
            return "fs_" + program + "_exit";
        }

        String kprobeProgram() {
            return "fs_" + program + "_kprobe";
        }

        String kretprobeProgram() {
            return "fs_" + program + "_kretprobe";
        }
    }

    private final String fourth;
    private final List<String> mountTypes;
    private final List<Hook> hooks;

    Filesystem(String fourth, List<String> mountTypes, Hook... hooks) {
        this.fourth = fourth;
        this.mountTypes = mountTypes;
        this.hooks = List.of(hooks);
    }

    private static Hook hook(FsOp op, String function, String program) {
        return new Hook(op, function, program);
    }

    /** Netdata's name: ext4, xfs, nfs, zfs, btrfs. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The chart word of an operation: read, write, open, and sync (nfs: attribute). */
    String opWord(FsOp op) {
        return op == SYNC ? fourth : op.name().toLowerCase(Locale.ROOT);
    }

    List<Hook> hooks() {
        return hooks;
    }

    /** Where the operation's histogram starts in filesystem_global, in buckets. */
    int slot(FsOp op) {
        return ordinal() * FsOp.COUNT + op.ordinal();
    }

    /** The type of a mount (/proc/self/mounts' third field) when it is one of ours. */
    static Optional<Filesystem> ofMountType(String type) {
        for (Filesystem fs : values()) {
            if (fs.mountTypes.contains(type)) {
                return Optional.of(fs);
            }
        }
        return Optional.empty();
    }
}
