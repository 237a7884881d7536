package dev.ebpfmon.module.softirq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcSoftirqsTest {
    @Test
    void eachVectorSummedOverTheCpusInTheKernelsOrder() {
        long[] totals = ProcSoftirqs.totals("""
                                    CPU0       CPU1
                          HI:          1          2
                       TIMER:     432283     448140
                      NET_TX:         10          0
                      NET_RX:      55125      53001
                       BLOCK:     114081      77064
                    IRQ_POLL:          0          0
                     TASKLET:         79        205
                       SCHED:     963286    1002436
                     HRTIMER:          3          4
                         RCU:     733563     739209
                """);
        assertThat(totals).containsExactly(3, 880423, 10, 108126, 191145, 0, 284, 1965722, 7, 1472772);
    }

    @Test
    void aVectorTheFileDoesNotListIsAbsentAndAnUnknownOneIsSkipped() {
        long[] totals = ProcSoftirqs.totals("""
                                    CPU0
                          HI:          1
                       TIMER:          2
                     NEWTHING:         9
                """);
        assertThat(totals[SoftirqVector.HI.ordinal()]).isEqualTo(1);
        assertThat(totals[SoftirqVector.TIMER.ordinal()]).isEqualTo(2);
        assertThat(totals[SoftirqVector.RCU.ordinal()]).isEqualTo(ProcSoftirqs.ABSENT);
    }

    @Test
    void badInputSaysTheLine() {
        assertThatThrownBy(() -> ProcSoftirqs.totals("   CPU0\n  HI: 1\n  TIMER: x2\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3").hasMessageContaining("x2");
        assertThatThrownBy(() -> ProcSoftirqs.totals("   CPU0\n  HI 1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    @Test
    void readsOnlyTheBytesTheFileFilledInAReusedBuffer() {
        // ProcFile's buffer keeps what a longer earlier read left beyond this read's length
        String file = "   CPU0\n  HI: 4\n";
        byte[] buffer = (file + "  TIMER: 9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        long[] totals = ProcSoftirqs.totals(buffer, file.length());
        assertThat(totals[SoftirqVector.HI.ordinal()]).isEqualTo(4);
        assertThat(totals[SoftirqVector.TIMER.ordinal()]).isEqualTo(ProcSoftirqs.ABSENT);
    }
}
