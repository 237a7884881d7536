package dev.ebpfmon.module.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** /proc/partitions decoded: device numbers (the kernel's dev_t encoding) to names. */
class PartitionTableTest {
    private static final String PARTITIONS = """
            major minor  #blocks  name

               8        0  488386584 sda
               8        1     524288 sda1
               8       16  976762584 sdb
             259        0  500107608 nvme0n1
             259        1    1048576 nvme0n1p1
               7        3      16384 loop3
             253        0   41943040 dm-0
               9      127   10475520 md127
             104        0   71687340 cciss!c0d0
            garbage line here
            """;

    @ParameterizedTest(name = "{0}:{1} is {2}")
    @CsvSource({"8, 0, sda", "8, 1, sda1", "8, 16, sdb", "259, 0, nvme0n1", "259, 1, nvme0n1p1", "7, 3, loop3",
            "253, 0, dm-0", "9, 127, md127", "104, 0, cciss!c0d0"})
    void namesDevicesByNumber(int major, int minor, String name) {
        assertThat(PartitionTable.parse(PARTITIONS).name(PartitionTable.dev(major, minor))).contains(name);
    }

    @Test
    void headerBlankAndMalformedLinesAreNoDevices() {
        PartitionTable table = PartitionTable.parse(PARTITIONS);
        assertThat(table.size()).isEqualTo(9);
        assertThat(table.name(PartitionTable.dev(8, 2))).isEmpty();
        assertThat(PartitionTable.parse("").size()).isZero();
    }

    @ParameterizedTest(name = "{0}:{1} is dev_t {2}")
    @CsvSource({"8, 0, 8388608", "8, 16, 8388624", "259, 1, 271581185", "7, 3, 7340035", "9, 127, 9437311",
            "0, 1048575, 1048575"})
    void devTIsTheKernelsEncoding(int major, int minor, int dev) {
        assertThat(PartitionTable.dev(major, minor)).isEqualTo(dev);
        assertThat(PartitionTable.major(dev)).isEqualTo(major);
        assertThat(PartitionTable.minor(dev)).isEqualTo(minor);
        assertThat(PartitionTable.text(dev)).isEqualTo(major + ":" + minor);
    }

    @Test
    void numbersADevTCannotHoldAreRefused() {
        assertThatThrownBy(() -> PartitionTable.dev(8, 1 << 20)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> PartitionTable.dev(4096, 0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> PartitionTable.dev(-1, 0)).isInstanceOf(ArithmeticException.class);
    }
}
