package dev.ebpfmon.module.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.Log2Buckets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Charts of the loaded types while mounted, from the counters' layout of filesystem.h. */
class FilesystemCollectorTest {
    private final long[] counters = new long[Filesystem.values().length * FsOp.COUNT * Log2Buckets.COUNT];
    private String mounts = """
            /dev/vda / ext4 rw,relatime 0 0
            proc /proc proc rw 0 0
            server:/export /mnt/nfs nfs4 rw 0 0
            """;
    private final FilesystemCollector collector = new FilesystemCollector(
            into -> System.arraycopy(counters, 0, into, 0, counters.length), () -> mounts,
            List.of(Filesystem.EXT4, Filesystem.XFS, Filesystem.NFS), 1, () -> { });

    private void count(Filesystem fs, FsOp op, int bucket, long n) {
        counters[fs.slot(op) * Log2Buckets.COUNT + bucket] += n;
    }

    private Tick tick() {
        Tick tick = new Tick();
        collector.collect(tick);
        return tick;
    }

    @Test
    void mountedTypesAreChartedEachOperationFromItsOwnCounters() {
        count(Filesystem.EXT4, FsOp.READ, 2, 7);
        count(Filesystem.EXT4, FsOp.SYNC, 9, 1);
        count(Filesystem.NFS, FsOp.SYNC, 0, 4);
        Tick tick = tick();
        assertThat(tick.samples()).extracting(s -> s.chart().fullId()).containsExactly(
                "filesystem.ext4_read_latency", "filesystem.ext4_write_latency", "filesystem.ext4_open_latency",
                "filesystem.ext4_sync_latency", "filesystem.nfs_read_latency", "filesystem.nfs_write_latency",
                "filesystem.nfs_open_latency", "filesystem.nfs_attribute_latency");
        Sample ext4Read = tick.samples().getFirst();
        assertThat(ext4Read.values()[2]).isEqualTo(7);
        assertThat(tick.samples().get(3).values()[9]).isEqualTo(1);
        assertThat(tick.samples().get(7).values()[0]).isEqualTo(4);
        assertThat(tick.samples().get(7).chart().priority()).isEqualTo(2171);
    }

    @Test
    void aTypeThatCountsIsChartedBeforeTheNextLookAtTheMounts() {
        tick();
        count(Filesystem.XFS, FsOp.WRITE, 4, 2);
        assertThat(tick().samples()).extracting(s -> s.chart().fullId()).contains("filesystem.xfs_write_latency");
    }

    @Test
    void anUnmountedTypeIsRetiredAtTheNextLookAtTheMounts() {
        List<Chart> nfs = tick().samples().stream().map(Sample::chart).filter(c -> c.id().startsWith("nfs")).toList();
        mounts = "/dev/vda / ext4 rw,relatime 0 0\n";
        for (int i = 1; i < FilesystemCollector.MOUNTS_EVERY_TICKS; i++) {
            assertThat(tick().retired()).isEmpty();
        }
        Tick tick = tick();
        assertThat(tick.retired()).containsExactlyElementsOf(nfs);
        assertThat(tick.samples()).extracting(s -> s.chart().id()).allMatch(id -> id.startsWith("ext4"));
    }
}
