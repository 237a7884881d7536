package dev.ebpfmon.module.vfs;

import static dev.ebpfmon.module.vfs.VfsCounter.CREATE_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.FSYNC_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.OPEN_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.OPEN_ERR;
import static dev.ebpfmon.module.vfs.VfsCounter.READ_BYTES;
import static dev.ebpfmon.module.vfs.VfsCounter.READ_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.READ_ERR;
import static dev.ebpfmon.module.vfs.VfsCounter.UNLINK_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.WRITE_BYTES;
import static dev.ebpfmon.module.vfs.VfsCounter.WRITE_CALL;
import static dev.ebpfmon.module.vfs.VfsCounter.WRITE_ERR;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.Scenario;
import java.util.List;

/**
 * Bytes moved by every read and write family (plain, positional, vectored), failed reads and
 * writes, unlinks, fsyncs, opens and creates. In return mode bytes are what moved; in entry mode
 * what was asked for, which includes the failed 1-byte calls.
 */
public final class VfsScenario implements Scenario {
    private static final long OPENS = 20 + 7 + 3;

    @Override
    public List<String> ops() {
        return List.of("open:20", "fail-open:7", "write:30000", "read:30000", "bad-read:2", "bad-write:4", "unlink:5",
                "fsync:6");
    }

    @Override
    public long[] expected(LoadMode mode) {
        boolean ret = mode == LoadMode.RETURN;
        return Scenario.of(VfsCounter.class)
                .put(READ_CALL, 3 + 2).put(READ_BYTES, ret ? 30_000 : 30_000 + 2).put(READ_ERR, ret ? 2 : 0)
                .put(WRITE_CALL, 3 + 4).put(WRITE_BYTES, ret ? 30_000 : 30_000 + 4).put(WRITE_ERR, ret ? 4 : 0)
                .put(UNLINK_CALL, 5).put(FSYNC_CALL, 6)
                .put(OPEN_CALL, OPENS).put(OPEN_ERR, ret ? 7 : 0)
                .put(CREATE_CALL, 20 + 1) // open:20 and write's O_CREAT
                .toArray();
    }
}
