package dev.ebpfmon.module.mdflush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.LoopDevice;
import dev.ebpfmon.module.Scenario;
import dev.ebpfmon.module.ScenarioRun;
import dev.ebpfmon.module.SetUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An md RAID1 array of the test's own on two loop devices, with an ext4 filesystem without a
 * journal mounted at DIR: each fdatasync there ends in exactly one flush request to the array
 * (ext4_sync_file issues one blkdev_issue_flush and no journal commit; no lazy inode-table
 * initialisation runs in the background, which would flush too), so N calls give exactly N
 * flushes on that array. Needs the md driver (modprobe md_mod: the matrix' guests load it) and
 * mdadm; on our own machines the module cannot run (expected.tsv, host).
 */
public final class MdflushScenario implements Scenario {
    static final int FDATASYNCS = 25;
    /** An md minor nobody uses: /dev/md200 and up. */
    private static final int FIRST_MINOR = 200;

    private String array;

    @Override
    public List<String> ops() {
        return List.of("create-fdatasync:" + FDATASYNCS);
    }

    @Override
    public long[] expected(LoadMode mode) {
        return null;
    }

    @Override
    public AutoCloseable prepare(Path dir) throws Exception {
        SetUp setUp = new SetUp();
        array = null;
        if (!Files.exists(Path.of("/proc/mdstat")) || !KernelTests.kernelFunctionsAttach()) {
            return setUp; // no md driver, or nothing to attach with: the module cannot run, and says why
        }
        setUp.orUndo(() -> {
            Path images = Files.createTempDirectory("ebpfmon-md");
            setUp.add(() -> Files.delete(images));
            LoopDevice[] members = new LoopDevice[2];
            for (int i = 0; i < members.length; i++) {
                Path image = images.resolve("member" + i + ".img");
                setUp.add(() -> Files.deleteIfExists(image));
                members[i] = setUp.add(LoopDevice.over(image, 64L << 20));
            }
            int minor = FIRST_MINOR;
            while (Files.exists(Path.of("/sys/block/md" + minor))) {
                minor++;
            }
            String device = "/dev/md" + minor;
            LoopDevice.run("mdadm", "--create", device, "--run", "--level=1", "--raid-devices=2", "--metadata=1.2",
                    "--assume-clean", "--bitmap=none", members[0].device().toString(), members[1].device().toString());
            setUp.add(() -> LoopDevice.run("mdadm", "--stop", device));
            LoopDevice.run("mkfs.ext4", "-q", "-F", "-O", "^has_journal",
                    "-E", "lazy_itable_init=0,lazy_journal_init=0,nodiscard", device);
            LoopDevice.run("mount", "-t", "ext4", "-o", "noinit_itable", device, dir.toString());
            setUp.add(() -> LoopDevice.run("umount", dir.toString()));
            array = "md" + minor;
        });
        return setUp;
    }

    @Override
    public void check(ScenarioRun run) {
        assertThat(array).as("the array was set up").isNotNull();
        Tick tick = new Tick();
        run.modules().running().getFirst().collector().collect(tick);
        Sample flushes = tick.samples().stream().filter(s -> s.chart().fullId().equals("mdstat.mdstat_flush"))
                .findFirst().orElseThrow(() -> new AssertionError("no mdstat.mdstat_flush sample"));
        List<String> devices = flushes.chart().dimensions().stream().map(Dimension::id).toList();
        assertThat(devices).contains(array);
        assertThat(flushes.values()[devices.indexOf(array)]).as("flushes of " + array + ", one per fdatasync")
                .isEqualTo(FDATASYNCS);
    }
}
