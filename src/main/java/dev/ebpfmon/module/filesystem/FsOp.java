package dev.ebpfmon.module.filesystem;

/** The operations Netdata times per filesystem, in its chart order (FS_READ ... of filesystem.h). */
enum FsOp {
    READ, WRITE, OPEN, SYNC;

    static final int COUNT = values().length;
}
