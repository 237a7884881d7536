package dev.ebpfmon.module.mount;

import static dev.ebpfmon.module.mount.MountCounter.MOUNT_CALL;
import static dev.ebpfmon.module.mount.MountCounter.MOUNT_ERR;
import static dev.ebpfmon.module.mount.MountCounter.UMOUNT_CALL;
import static dev.ebpfmon.module.mount.MountCounter.UMOUNT_ERR;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.Scenario;
import java.util.List;

/**
 * N mounts and umounts of a tmpfs in the workload's directory, one mount and two umounts that fail,
 * and two mounts made with the new mount API: those are not counted as mounts (Netdata's charts
 * have no place for them), their umounts are. Errors count only in return mode.
 */
public final class MountScenario implements Scenario {
    private static final int N = 5;
    private static final int NEW_API = 2;

    @Override
    public List<String> ops() {
        return List.of("mount-tmpfs:" + N, "mount-fail:1", "umount-fail:2", "fsmount-tmpfs:" + NEW_API);
    }

    @Override
    public long[] expected(LoadMode mode) {
        boolean errors = mode == LoadMode.RETURN;
        return Scenario.of(MountCounter.class).put(MOUNT_CALL, N + 1).put(UMOUNT_CALL, N + 2 + NEW_API)
                .put(MOUNT_ERR, errors ? 1 : 0).put(UMOUNT_ERR, errors ? 2 : 0).toArray();
    }
}
