package dev.ebpfmon.module.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.KernelTests;
import dev.ebpfmon.module.Log2Buckets;
import dev.ebpfmon.module.LoopDevice;
import dev.ebpfmon.module.Scenario;
import dev.ebpfmon.module.ScenarioRun;
import dev.ebpfmon.module.SetUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An ext4, an xfs and a btrfs filesystem, each on a loop device of the test's own, mounted at
 * DIR/ext4, DIR/xfs and DIR/btrfs: a known number of opens, writes, reads and fsyncs on each
 * (a different number per type and operation, so that no two can be mistaken) land exactly in
 * that type's histograms, and nothing in the others'. Exact where nothing else uses these types,
 * as in the kernel matrix' guests (their root is 9p and tmpfs; the loop devices' files are on
 * tmpfs). Kernel functions only: on our own machines the module cannot run (expected.tsv, host).
 */
public final class FilesystemScenario implements Scenario {
    /**
     * Per type, in {@link FsOp} order: the reads, writes, opens and fsyncs its ops make (the open
     * op's opens; the other three ops open the file once each).
     */
    private static final Map<Filesystem, int[]> CALLS = Map.of(
            Filesystem.EXT4, new int[] {7, 5, 3, 2},
            Filesystem.XFS, new int[] {9, 6, 4, 3},
            Filesystem.BTRFS, new int[] {11, 4, 2, 1});
    /** Images: big enough for each mkfs (xfs refuses less than 300 MiB); sparse. */
    private static final Map<Filesystem, Long> SIZES = Map.of(
            Filesystem.EXT4, 64L << 20, Filesystem.XFS, 320L << 20, Filesystem.BTRFS, 256L << 20);
    private static final Map<Filesystem, List<String>> MKFS = Map.of(
            Filesystem.EXT4, List.of("mkfs.ext4", "-q", "-F"),
            Filesystem.XFS, List.of("mkfs.xfs", "-q", "-f"),
            Filesystem.BTRFS, List.of("mkfs.btrfs", "-q", "-f"));

    private static List<Filesystem> tested() {
        return List.of(Filesystem.EXT4, Filesystem.XFS, Filesystem.BTRFS);
    }

    @Override
    public List<String> ops() {
        List<String> ops = new ArrayList<>();
        for (Filesystem fs : tested()) {
            int[] n = CALLS.get(fs);
            ops.addAll(List.of(fs.word() + "-open:" + n[FsOp.OPEN.ordinal()], fs.word() + "-write:" + n[FsOp.WRITE.ordinal()],
                    fs.word() + "-read:" + n[FsOp.READ.ordinal()], fs.word() + "-fsync:" + n[FsOp.SYNC.ordinal()]));
        }
        return ops;
    }

    @Override
    public long[] expected(LoadMode mode) {
        return null;
    }

    @Override
    public AutoCloseable prepare(Path dir) throws Exception {
        SetUp setUp = new SetUp();
        if (!KernelTests.kernelFunctionsAttach()) {
            return setUp; // nothing serves this module here: it cannot run, and says why
        }
        setUp.orUndo(() -> {
            Path images = Files.createTempDirectory("ebpfmon-fs");
            setUp.add(() -> Files.delete(images));
            for (Filesystem fs : tested()) {
                Path image = images.resolve(fs.word() + ".img");
                setUp.add(() -> Files.deleteIfExists(image));
                LoopDevice loop = setUp.add(LoopDevice.over(image, SIZES.get(fs)));
                List<String> mkfs = new ArrayList<>(MKFS.get(fs));
                mkfs.add(loop.device().toString());
                LoopDevice.run(mkfs.toArray(String[]::new));
                Path mountPoint = Files.createDirectory(dir.resolve(fs.word()));
                LoopDevice.run("mount", "-t", fs.word(), loop.device().toString(), mountPoint.toString());
                setUp.add(() -> LoopDevice.run("umount", mountPoint.toString()));
            }
        });
        return setUp;
    }

    @Override
    public void check(ScenarioRun run) {
        long[] host = run.host();
        for (Filesystem fs : Filesystem.values()) {
            int[] n = CALLS.getOrDefault(fs, new int[FsOp.COUNT]);
            for (FsOp op : FsOp.values()) {
                long expected = n[op.ordinal()] + (op == FsOp.OPEN && CALLS.containsKey(fs) ? 3 : 0);
                int from = fs.slot(op) * Log2Buckets.COUNT;
                assertThat(Arrays.stream(host, from, from + Log2Buckets.COUNT).sum())
                        .as(fs.word() + " " + fs.opWord(op) + " calls in filesystem." + fs.word() + "_" + fs.opWord(op)
                                + "_latency").isEqualTo(expected);
            }
        }
    }
}
