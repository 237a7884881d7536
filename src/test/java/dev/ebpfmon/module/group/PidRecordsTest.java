package dev.ebpfmon.module.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The header read from longs means what src/main/bpf/include/pid_record.h lays out in bytes. */
class PidRecordsTest {
    @Test
    void headerFieldsReadFromLongsMatchTheStructLayout() {
        long[] record = header(0x1234_5678_9abcL, 4321, PidRecords.EXITED, "kworker/u8:2");
        assertThat(PidRecords.cgroupId(record, 2)).isEqualTo(0x1234_5678_9abcL);
        assertThat(PidRecords.ppid(record, 2)).isEqualTo(4321);
        assertThat(PidRecords.exited(record, 2)).isTrue();
        assertThat(PidRecords.comm(record, 2)).isEqualTo("kworker/u8:2");
        assertThat(PidRecords.exited(header(1, 1, 0, "x"), 2)).isFalse();
    }

    @Test
    void aNameOfSixteenBytesHasNoTerminatorAndIsReadWhole() {
        assertThat(PidRecords.comm(header(1, 1, 0, "exactly16bytes!!"), 2)).isEqualTo("exactly16bytes!!");
        assertThat(PidRecords.comm(header(1, 1, 0, ""), 2)).isEmpty();
    }

    @Test
    void theHeaderSizeIsTheOneTheBpfSideAssertsForItsStruct() throws Exception {
        String header = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/bpf/include/pid_record.h"));
        java.util.regex.Matcher size = java.util.regex.Pattern
                .compile("_Static_assert\\(sizeof\\(struct pid_header\\) == (\\d+)").matcher(header);
        assertThat(size.find()).as("pid_record.h asserts the header's size").isTrue();
        assertThat(dev.ebpfmon.module.loader.PidLayout.HEADER_SIZE).isEqualTo(Integer.parseInt(size.group(1)));
        assertThat(PidRecords.TGID_AND_GENERATION * Long.BYTES).as("tgid follows the 16-byte name")
                .isEqualTo(8 + 4 + 4 + PidRecords.COMM_LENGTH);
    }

    /** A record as the kernel writes it (struct pid_header), at long index 2 of the array. */
    private static long[] header(long cgroupId, int ppid, int flags, String comm) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(48, 8);
            s.set(ValueLayout.JAVA_LONG, 16, cgroupId);
            s.set(ValueLayout.JAVA_INT, 24, ppid);
            s.set(ValueLayout.JAVA_INT, 28, flags);
            byte[] name = comm.getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(name, 0, s, ValueLayout.JAVA_BYTE, 32, name.length);
            return s.toArray(ValueLayout.JAVA_LONG);
        }
    }
}
