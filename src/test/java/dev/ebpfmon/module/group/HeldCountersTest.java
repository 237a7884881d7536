package dev.ebpfmon.module.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.RecordTotals;
import dev.ebpfmon.module.group.GroupCollector.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The growth of one process's counters between reads of its record, as it reaches its groups:
 * exact whichever counters move, first or again, and whichever go back to zero (a record taken
 * again by the same process starts from zero).
 */
class HeldCountersTest {
    /** Header of 6 longs, then module a's 3 counters (apps and cgroups), then b's 2 (apps only). */
    private static final int A_OFFSET = 6 * Long.BYTES;
    private static final int B_OFFSET = 9 * Long.BYTES;
    private static final int RECORD_LONGS = 11;

    private final RecordTotals totals = new RecordTotals();
    private final HeldCounters counters = new HeldCounters(List.of(
            source("a", A_OFFSET, 3, true, true),
            source("b", B_OFFSET, 2, true, false)), false, totals);
    private final GroupState app = new GroupState("app", false, false, "", new int[] {3, 2}, new int[] {0, 0});
    private final GroupState cgroup = new GroupState("cg", false, false, "/cg", new int[] {3, 2}, new int[] {0, 0});
    private final ProcessDirectory.Proc process = new ProcessDirectory.Proc(42);
    private final long[] record = new long[RECORD_LONGS + 2];

    HeldCountersTest() {
        process.app = app;
        process.cgroup = cgroup;
    }

    private static Source source(String module, int offset, int count, boolean apps, boolean cgroups) {
        ModuleContext context = ModuleContext.of(ModuleSettings.builtIn("fd").withGroups(apps, cgroups));
        return new Source(module, context, List.of(), offset, count);
    }

    /** Sets the record's counters (flat order: a0 a1 a2 b0 b1) at {@code base} and reads it. */
    private void read(int base, long... values) {
        java.util.Arrays.fill(record, -1); // what lies around the record must not be read
        for (int f = 0; f < values.length; f++) {
            record[base + 6 + f] = values[f];
        }
        counters.grow(process, record, base);
    }

    @Test
    void countersMovingForTheFirstTimeBetweenHeldOnesAreAddedWhole() {
        read(0, 0, 5, 0, 0, 0);
        read(0, 0, 7, 0, 0, 0);
        read(0, 3, 7, 0, 0, 9); // two new ones, around the held one
        read(0, 4, 8, 2, 1, 9);

        assertThat(app.live).containsExactly(4, 8, 2, 1, 9);
        assertThat(cgroup.live).containsExactly(4, 8, 2, 0, 0); // b is not counted per cgroup
        assertThat(process.heldCount).isEqualTo(5);
        assertThat(totals()).containsExactly(4, 8, 2, 1, 9);
    }

    @Test
    void aRecordAtAnOffsetIsReadWhereItIs() {
        read(2, 1, 0, 0, 0, 6);
        read(2, 1, 0, 0, 0, 10);

        assertThat(app.live).containsExactly(1, 0, 0, 0, 10);
        assertThat(totals()).as("by the counter's place in a record, not the record's in the buffer")
                .containsExactly(1, 0, 0, 0, 10);
    }

    @Test
    void aCounterMovingFirstIsFoundWhileAHeldOneIsBackAtZero() {
        read(0, 5, 0, 0, 0, 0);
        // the same process's record made again: a's first counter restarts at zero, b1 moves first;
        // as many non-zero counters as held ones, yet one of them is new
        read(0, 0, 0, 0, 0, 3);

        assertThat(app.live).containsExactly(0, 0, 0, 0, 3);
        read(0, 2, 0, 0, 0, 3);
        assertThat(app.live).containsExactly(2, 0, 0, 0, 3);
        // the host's totals never go back: the first record's 5 stay, the new one's 2 add to them
        assertThat(totals()).containsExactly(5 + 2, 0, 0, 0, 3);
    }

    /** The records' totals of a0 a1 a2 b0 b1, where the host counters read them. */
    private long[] totals() {
        long[] t = new long[5];
        for (int f = 0; f < t.length; f++) {
            t[f] = totals.get(6 + f);
        }
        return t;
    }

    @Test
    void nothingMovedAddsNothing() {
        read(0, 1, 2, 3, 4, 5);
        read(0, 1, 2, 3, 4, 5);

        assertThat(app.live).containsExactly(1, 2, 3, 4, 5);
        assertThat(counters.checksum(record, 0)).isEqualTo(15);
        assertThat(totals()).containsExactly(1, 2, 3, 4, 5);
    }
}
