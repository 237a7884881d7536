package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.module.loader.PidLayout;
import org.junit.jupiter.api.Test;

class RecordTotalsTest {
    @Test
    void holdsEveryCounterPlaceARecordCanHave() {
        assertThat(RecordTotals.MAX_LONGS * Long.BYTES).isEqualTo(PidLayout.MAX_RECORD_SIZE);
    }

    @Test
    void addsUpTheGrowthOfEachPlace() {
        RecordTotals totals = new RecordTotals();
        totals.add(6, 5);
        totals.add(6, 2);
        totals.add(RecordTotals.MAX_LONGS - 1, 9);

        assertThat(totals.get(6)).isEqualTo(7);
        assertThat(totals.get(7)).isZero();
        assertThat(totals.get(RecordTotals.MAX_LONGS - 1)).isEqualTo(9);
    }
}
