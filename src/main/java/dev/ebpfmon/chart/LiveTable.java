package dev.ebpfmon.chart;

import java.util.List;

/**
 * A table a collector publishes beside its charts, rebuilt every tick: the state of things that
 * are many and short-lived (the network viewer's connections), shown as they are now and kept
 * nowhere. Sinks show the latest one of each {@code id} (the agent's API and dashboard,
 * {@code ebpfmon top}) without knowing which module made it.
 *
 * @param id          what sinks ask for, e.g. {@code connections}
 * @param rows        one list of cells per row, in column order: a {@link String} in a
 *                    {@link Kind#TEXT} column, a {@link Number} (long or double) in the others
 * @param notes       one-line remarks on the whole table (a cap reached, rows left out)
 * @param updateEvery seconds between two versions of the table
 */
public record LiveTable(String id, String title, List<Column> columns, List<List<Object>> rows, List<String> notes,
        int updateEvery) {

    /** How sinks show a column's cells. */
    public enum Kind {
        TEXT, NUMBER, BYTES, BYTES_PER_SECOND
    }

    /** @param id a stable key for clients (JSON), {@code title} what people read */
    public record Column(String id, String title, Kind kind) {}

    public LiveTable {
        ProtocolIds.require("table id", id);
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
        if (updateEvery < 1) {
            throw new IllegalArgumentException("table " + id + ": updateEvery must be >= 1");
        }
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("table " + id + " has " + columns.size() + " columns but a row of "
                        + row.size() + " cells");
            }
            for (int i = 0; i < row.size(); i++) {
                boolean text = columns.get(i).kind() == Kind.TEXT;
                if (text ? !(row.get(i) instanceof String) : !(row.get(i) instanceof Number)) {
                    throw new IllegalArgumentException("table " + id + ", column " + columns.get(i).id() + ": "
                            + row.get(i) + " is not " + (text ? "text" : "a number"));
                }
            }
        }
    }
}
