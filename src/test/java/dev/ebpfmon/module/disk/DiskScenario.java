package dev.ebpfmon.module.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.LoopDevice;
import dev.ebpfmon.module.Scenario;
import dev.ebpfmon.module.ScenarioRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Direct 4 KiB writes and reads to a loop device of the test's own (each exactly one block
 * request: see src/main/native/ops/disk.c), through a device node of its own: its latency chart
 * holds exactly those requests, /proc/diskstats agrees that each call was one request, and the
 * drift against /proc/diskstats is zero. Nothing is counted per process: the device is the test's.
 */
public final class DiskScenario implements Scenario {
    static final int WRITES = 96;
    static final int READS = 40;

    private LoopDevice loop;
    private long[] statsBefore;

    @Override
    public List<String> ops() {
        return List.of("direct-write:" + WRITES, "direct-read:" + READS);
    }

    @Override
    public long[] expected(LoadMode mode) {
        return null;
    }

    @Override
    public AutoCloseable prepare(Path dir) throws Exception {
        Path backing = Files.createTempFile("ebpfmon-disk", ".img");
        try {
            loop = LoopDevice.over(backing, 16L << 20);
        } catch (Exception e) {
            Files.delete(backing);
            throw e;
        }
        loop.nodeAt(dir.resolve("disk"));
        statsBefore = loop.diskstats();
        return () -> {
            try {
                loop.close();
            } finally {
                Files.delete(backing);
            }
        };
    }

    @Override
    public void check(ScenarioRun run) throws Exception {
        long[] stats = loop.diskstats();
        assertThat(stats[0] - statsBefore[0]).as("reads /proc/diskstats completed: one per call").isEqualTo(READS);
        assertThat(stats[4] - statsBefore[4]).as("writes /proc/diskstats completed: one per call").isEqualTo(WRITES);

        // the collector started right after attaching: its first collection covers the workload
        Tick tick = new Tick();
        run.modules().running().getFirst().collector().collect(tick);
        Sample latency = sample(tick, DiskCharts.LATENCY_TYPE + "." + loop.name());
        assertThat(Arrays.stream(latency.values()).sum()).as("requests in " + loop.name() + "'s latency histogram")
                .isEqualTo(WRITES + READS);
        Sample drift = sample(tick, DiskCharts.DRIFT_TYPE + "." + DiskCharts.DRIFT_ID);
        List<String> disks = drift.chart().dimensions().stream().map(d -> d.id()).toList();
        assertThat(disks).contains(loop.name());
        assertThat(drift.values()[disks.indexOf(loop.name())]).as("drift of " + loop.name() + " against /proc/diskstats")
                .isZero();
    }

    private static Sample sample(Tick tick, String chart) {
        return tick.samples().stream().filter(s -> s.chart().fullId().equals(chart)).findFirst()
                .orElseThrow(() -> new AssertionError("no sample of " + chart + " among "
                        + tick.samples().stream().map(s -> s.chart().fullId()).toList()));
    }
}
