package dev.ebpfmon.module.mount;

import static dev.ebpfmon.module.mount.MountCounter.MOUNT_CALL;
import static dev.ebpfmon.module.mount.MountCounter.MOUNT_ERR;
import static dev.ebpfmon.module.mount.MountCounter.UMOUNT_CALL;
import static dev.ebpfmon.module.mount.MountCounter.UMOUNT_ERR;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.SyscallCounterModule;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import java.util.List;

/**
 * mount: mount(2) and umount2(2) calls and, in return mode, their failures, through the shared
 * dispatcher, with Netdata's two charts. As in Netdata, the error chart is drawn in entry mode too,
 * where nothing can fail it (failures are seen only where calls return). Mounts made with the new
 * mount API (fsopen, fsmount, move_mount) are not counted: Netdata's charts have no place for them.
 * No per-application charts either; the counters are kept per process all the same (when apps or
 * cgroups are on), which makes the module's kernel scenario exact.
 */
public final class MountModule extends SyscallCounterModule {
    private static final String FAMILY = "mount (eBPF)";
    private static final Dimension MOUNT = Dimension.incremental("mount");
    private static final Dimension UMOUNT = Dimension.incremental("umount");

    public MountModule() {
        super(ModuleInfo.of("mount", 10, "Mount points", true), MountCounter.COUNT, true);
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext c) {
        return List.of(
                CounterChart.of(chart(c, "call", "Calls to mount and umount syscalls", 2190),
                        MOUNT_CALL.id(), UMOUNT_CALL.id()),
                CounterChart.of(chart(c, "error", "Errors to mount and umount file systems", 2191),
                        MOUNT_ERR.id(), UMOUNT_ERR.id()));
    }

    private static Chart chart(ModuleContext c, String id, String title, int priority) {
        return Chart.builder("mount_points", id).title(title).units("calls/s").family(FAMILY).priority(priority)
                .updateEvery(c.updateEvery()).module("mount").dimensions(MOUNT, UMOUNT).build();
    }
}
