package dev.ebpfmon.sink.top;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.LiveTable;
import dev.ebpfmon.chart.LiveTable.Column;
import dev.ebpfmon.chart.LiveTable.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `ebpfmon top --by connection`: the live table's rows, busiest first, its notes below. */
class LiveTableTopTest {
    private static final LiveTable TABLE = new LiveTable("connections", "Network connections",
            List.of(new Column("process", "Process", Kind.TEXT), new Column("remote", "Remote", Kind.TEXT),
                    new Column("sent_rate", "Sent/s", Kind.BYTES_PER_SECOND), new Column("sent", "Sent", Kind.BYTES)),
            List.of(List.of("curl", "10.0.0.2:80", 10.0, 100L), List.of("psql", "10.0.0.3:5432", 25000.0, 7L)),
            List.of("3 destinations are counted in other"), 1);

    @Test
    void rowsAreSortedByTheFirstRateAndNotesFollow() {
        LiveTableTop top = new LiveTableTop("connections");
        assertThat(top.render(120, 10)).singleElement().asString().contains("waiting for the 'connections' table");
        top.update(List.of(TABLE));
        List<String> lines = top.render(120, 10);
        assertThat(lines.get(0)).startsWith("ebpfmon top - Network connections by Sent/s (desc)");
        assertThat(lines.get(1)).contains("Process").contains("*Sent/s");
        assertThat(lines.get(2)).startsWith("psql").contains("25.0kB/s");
        assertThat(lines.get(3)).startsWith("curl").contains("100B");
        assertThat(lines.get(4)).isEqualTo("  3 destinations are counted in other");

        top.moveSort(1); // Sent
        top.reverse();
        assertThat(top.render(120, 10).get(2)).startsWith("psql");
        assertThat(top.render(120, 3)).as("the notes keep their lines").hasSize(3);
    }

    @Test
    void textColumnsAreAsWideAsTheirCellsAndWholeNumbersAreShownInFull() {
        LiveTable t = new LiveTable("connections", "Network connections",
                List.of(new Column("pid", "PID", Kind.NUMBER), new Column("direction", "Dir", Kind.TEXT),
                        new Column("process", "Process", Kind.TEXT),
                        new Column("sent_rate", "Sent/s", Kind.BYTES_PER_SECOND)),
                List.of(List.of(15234L, "out", "a-process-name-longer-than-the-column", 2000.0)), List.of(), 1);
        LiveTableTop top = new LiveTableTop("connections");
        top.update(List.of(t));
        List<String> lines = top.render(200, 10);
        assertThat(lines.get(1)).isEqualTo("      PID Dir  Process                  *Sent/s ");
        assertThat(lines.get(2)).isEqualTo("    15234 out  a-process-name-longer~   2000B/s ");
    }
}
