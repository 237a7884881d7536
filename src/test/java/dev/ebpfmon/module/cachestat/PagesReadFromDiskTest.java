package dev.ebpfmon.module.cachestat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pgpgin of /proc/vmstat, in KiB, read as 4 KiB pages, again and again from one open file. */
class PagesReadFromDiskTest {

    @Test
    void readsPgpginInPagesEveryTime(@TempDir Path dir) throws Exception {
        Path vmstat = dir.resolve("vmstat");
        Files.writeString(vmstat, "nr_free_pages 5713\npgpgin_other 1\npgpgin 40960\npgpgout 12\n");
        try (PagesReadFromDisk reader = new PagesReadFromDisk(vmstat)) {
            assertThat(reader.pages()).isEqualTo(10240);
            Files.writeString(vmstat, "pgpgin 81920\n");
            assertThat(reader.pages()).isEqualTo(20480);
        }
    }

    @Test
    void findsTheKeyAtTheStartOfALineOnly() {
        byte[] text = "xpgpgin 4\npgpgin 8\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(PagesReadFromDisk.valueOf(text, text.length, Path.of("vmstat"))).isEqualTo(8);
    }

    @Test
    void aKernelWithoutPgpginIsAClearError() {
        byte[] text = "pgpgout 4\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> PagesReadFromDisk.valueOf(text, text.length, Path.of("/proc/vmstat")))
                .hasMessage("/proc/vmstat has no pgpgin line");
    }

    @Test
    void theRealFileHasIt() {
        try (PagesReadFromDisk reader = new PagesReadFromDisk(Path.of("/proc/vmstat"))) {
            assertThat(reader.pages()).isPositive();
        }
    }
}
