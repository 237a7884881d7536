package dev.ebpfmon.module.mdflush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.bpf.BpfMap;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.LoopDevice;
import dev.ebpfmon.module.Scenario;
import dev.ebpfmon.module.ScenarioRun;
import dev.ebpfmon.module.SetUp;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An md RAID1 array of the test's own on two loop devices, with an ext4 filesystem without a
 * journal mounted at DIR: each fdatasync of a file that changed ends in exactly one flush request
 * to the array (ext4_sync_file issues one blkdev_issue_flush and no journal commit; no lazy
 * inode-table initialisation runs in the background, which would flush too; see
 * src/main/native/ops/mdflush.c for why each is preceded by an append), so N calls give exactly
 * N flushes on that array. Needs the md driver (modprobe md_mod: the matrix' guests load it) and
 * mdadm; on our own machines the module cannot run (expected.tsv, host).
 */
public final class MdflushScenario implements Scenario {
    static final int FDATASYNCS = 25;
    /** An md minor nobody uses: /dev/md200 and up. */
    private static final int FIRST_MINOR = 200;

    private String array;

    @Override
    public List<String> ops() {
        return List.of("append-fdatasync:" + FDATASYNCS);
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
    public void check(ScenarioRun run) throws Exception {
        assertThat(array).as("the array was set up").isNotNull();
        String seen = counted(run) + "; " + array + " write cache: "
                + Files.readString(Path.of("/sys/block", array, "queue/write_cache")).strip();
        Tick tick = new Tick();
        run.modules().running().getFirst().collector().collect(tick);
        Sample flushes = tick.samples().stream().filter(s -> s.chart().fullId().equals("mdstat.mdstat_flush"))
                .findFirst().orElseThrow(() -> new AssertionError("no mdstat.mdstat_flush sample; " + seen));
        List<String> devices = flushes.chart().dimensions().stream().map(Dimension::id).toList();
        assertThat(devices).as(seen).contains(array);
        assertThat(flushes.values()[devices.indexOf(array)]).as("flushes of " + array + ", one per fdatasync; " + seen)
                .isEqualTo(FDATASYNCS);
    }

    /** What the BPF map holds, device by device, for failure messages. */
    private static String counted(ScenarioRun run) throws Exception {
        BpfMap map = run.modules().maps().get(MdflushModule.COUNT_MAP);
        StringBuilder text = new StringBuilder("counted:");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment next = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment value = arena.allocate(map.valueBufferSize());
            boolean more = map.nextKey(null, next);
            while (more) {
                MemorySegment.copy(next, 0, key, 0, Integer.BYTES);
                int dev = key.get(ValueLayout.JAVA_INT, 0);
                if (map.lookup(key, value)) {
                    text.append(' ').append(MdDevices.major(dev)).append(':').append(MdDevices.minor(dev)).append('=')
                            .append(value.get(ValueLayout.JAVA_LONG, 0));
                }
                more = map.nextKey(key, next);
            }
        }
        return text.toString();
    }
}
