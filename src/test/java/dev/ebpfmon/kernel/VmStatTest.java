package dev.ebpfmon.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /proc/vmstat's counters, read again and again from one open file. */
class VmStatTest {
    private static final VmStat.Field PGPGIN = VmStat.Field.of("pgpgin");
    private static final VmStat.Field PSWPOUT = VmStat.Field.of("pswpout");

    @Test
    void readsTheCurrentValuesEveryTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vmstat");
        Files.writeString(file, "nr_free_pages 5713\npgpgin_other 1\npgpgin 40960\npswpout 12\n");
        try (VmStat vmstat = new VmStat(file)) {
            vmstat.read();
            assertThat(vmstat.value(PGPGIN)).isEqualTo(40960);
            assertThat(vmstat.value(PSWPOUT)).isEqualTo(12);
            Files.writeString(file, "pswpout 13\npgpgin 81920\n");
            vmstat.read();
            assertThat(vmstat.value(PGPGIN)).isEqualTo(81920);
            assertThat(vmstat.value(PSWPOUT)).isEqualTo(13);
        }
    }

    @Test
    void findsTheNameAtTheStartOfALineOnly() {
        byte[] text = "xpgpgin 4\npgpgin 8\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(VmStat.valueOf(text, text.length, PGPGIN, Path.of("vmstat"))).isEqualTo(8);
    }

    @Test
    void aKernelWithoutTheCounterIsAClearError() {
        byte[] text = "pgpgout 4\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> VmStat.valueOf(text, text.length, PGPGIN, VmStat.PROC))
                .hasMessage("/proc/vmstat has no pgpgin line");
    }

    @Test
    void theRealFileHasWhatTheModulesRead() {
        try (VmStat vmstat = new VmStat(VmStat.PROC)) {
            vmstat.read();
            assertThat(vmstat.value(PGPGIN)).isPositive();
            assertThat(vmstat.value(VmStat.Field.of("pswpin"))).isNotNegative();
            assertThat(vmstat.value(PSWPOUT)).isNotNegative();
        }
    }
}
