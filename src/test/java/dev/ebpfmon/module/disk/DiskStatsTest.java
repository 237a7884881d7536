package dev.ebpfmon.module.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** /proc/diskstats decoded: completed reads, writes, discards and flushes per device, in every layout. */
class DiskStatsTest {
    @Test
    void sumsTheCompletedRequestsOfEachLayout() {
        Map<Integer, Long> completed = DiskStats.completed("""
                   8       0 sda 100 5 800 40 200 6 1600 90 0 120 130 3 0 24 1 7 2
                   8       1 sda1 10 0 80 4 20 0 160 9 0 12 13 0 0 0 0
                   7       3 loop3 1 0 2 0 4 0 8 0 0 0 0
                 254       0 vda 9 0 72 1
                 254       1 vdb 9 0 72 1 5 x
                 254       2 vdc 9 0 72 1 5 6 x 8
                 major minor name reads
                """);
        assertThat(completed).containsEntry(PartitionTable.dev(8, 0), 100L + 200 + 3 + 7)  // 5.5+: discards, flushes
                .containsEntry(PartitionTable.dev(8, 1), 10L + 20)                         // 4.18+: discards
                .containsEntry(PartitionTable.dev(7, 3), 1L + 4)                           // before 4.18
                .doesNotContainKey(PartitionTable.dev(254, 0))                             // not a device line
                .doesNotContainKey(PartitionTable.dev(254, 1))                             // a field not a count
                .doesNotContainKey(PartitionTable.dev(254, 2))
                .hasSize(3);
    }

    @Test
    void readsOnlyTheBytesTheFileFilledInAReusedBuffer() {
        // ProcFile's buffer keeps what a longer earlier read left beyond this read's length
        byte[] buffer = "   8       0 sda 5 0 0 0 6 0 0 0 0 0 0\n   8      16 sdb 7 0 0 0 8 0 0 0 0 0 0\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int firstLine = new String(buffer, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf('\n') + 1;
        assertThat(DiskStats.completed(buffer, firstLine)).containsOnly(Map.entry(PartitionTable.dev(8, 0), 11L));
    }
}
