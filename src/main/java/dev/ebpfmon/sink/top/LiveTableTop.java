package dev.ebpfmon.sink.top;

import dev.ebpfmon.chart.LiveTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * `ebpfmon top --by connection`: the latest live table of an id (the network viewer's
 * connections), its columns as they come, sorted by the column the keys choose (the first rate
 * column to begin with), its notes under the rows.
 */
public final class LiveTableTop implements TopView {
    private static final int TEXT_WIDTH = 22;
    private static final int NUMBER_WIDTH = 9;

    private final String id;
    private LiveTable table;
    private int sortColumn = -1;
    private boolean ascending;

    public LiveTableTop(String id) {
        this.id = id;
    }

    /** Takes the tick's table of this view's id, if the tick has one. */
    public void update(List<LiveTable> tables) {
        Optional<LiveTable> latest = tables.stream().filter(t -> t.id().equals(id)).reduce((a, b) -> b);
        latest.ifPresent(t -> {
            table = t;
            if (sortColumn < 0 || sortColumn >= t.columns().size()) {
                sortColumn = firstRate(t);
            }
        });
    }

    private static int firstRate(LiveTable t) {
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).kind() == LiveTable.Kind.BYTES_PER_SECOND) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public void moveSort(int step) {
        if (table != null) {
            sortColumn = Math.floorMod(sortColumn + step, table.columns().size());
        }
    }

    @Override
    public void reverse() {
        ascending = !ascending;
    }

    @Override
    public List<String> render(int width, int height) {
        List<String> lines = new ArrayList<>();
        if (table == null) {
            lines.add(fit("ebpfmon top - waiting for the '" + id + "' table (the socket module with its network viewer)",
                    width));
            return lines;
        }
        LiveTable.Column sortedBy = table.columns().get(sortColumn);
        lines.add(fit(String.format(Locale.ROOT, "ebpfmon top - %s by %s %s   q quit  </> sort  r reverse", table.title(),
                sortedBy.title(), ascending ? "(asc)" : "(desc)"), width));
        List<List<Object>> rows = new ArrayList<>(table.rows());
        Comparator<List<Object>> order = comparator(sortColumn);
        rows.sort(ascending ? order : order.reversed());
        rows = rows.subList(0, Math.min(rows.size(), Math.max(0, height - 2 - table.notes().size())));
        int[] widths = widths(rows);
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < table.columns().size(); i++) {
            LiveTable.Column c = table.columns().get(i);
            String h = (i == sortColumn ? "*" : "") + c.title();
            header.append(c.kind() == LiveTable.Kind.TEXT ? pad(h, widths[i]) : left(h, widths[i])).append(' ');
        }
        lines.add(fit(header.toString(), width));
        for (List<Object> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                LiveTable.Column c = table.columns().get(i);
                line.append(c.kind() == LiveTable.Kind.TEXT ? pad((String) row.get(i), widths[i])
                        : left(format(c.kind(), (Number) row.get(i)), widths[i])).append(' ');
            }
            lines.add(fit(line.toString(), width));
        }
        table.notes().forEach(n -> lines.add(fit("  " + n, width)));
        return lines;
    }

    /** Text columns as wide as their longest cell or title, up to {@value #TEXT_WIDTH}; numbers {@value #NUMBER_WIDTH}. */
    private int[] widths(List<List<Object>> rows) {
        int[] widths = new int[table.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            LiveTable.Column c = table.columns().get(i);
            if (c.kind() != LiveTable.Kind.TEXT) {
                widths[i] = Math.max(NUMBER_WIDTH, c.title().length() + 1);
                continue;
            }
            int w = c.title().length() + 1; // room for the sort mark
            for (List<Object> row : rows) {
                w = Math.max(w, ((String) row.get(i)).length());
            }
            widths[i] = Math.min(w, TEXT_WIDTH);
        }
        return widths;
    }

    private Comparator<List<Object>> comparator(int column) {
        if (table.columns().get(column).kind() == LiveTable.Kind.TEXT) {
            return Comparator.comparing(r -> (String) r.get(column));
        }
        return Comparator.comparingDouble(r -> ((Number) r.get(column)).doubleValue());
    }

    static String format(LiveTable.Kind kind, Number n) {
        return switch (kind) {
            case BYTES -> TopTable.human(n.doubleValue()) + "B";
            case BYTES_PER_SECOND -> TopTable.human(n.doubleValue()) + "B/s";
            // whole numbers that fit are shown in full: a PID or a packet count reads better so
            default -> (n instanceof Long || n instanceof Integer) && Math.abs(n.longValue()) < 1_000_000_000L
                    ? Long.toString(n.longValue()) : TopTable.human(n.doubleValue());
        };
    }

    private static String pad(String s, int width) {
        String cut = s.length() > width ? s.substring(0, width - 1) + "~" : s;
        return cut + " ".repeat(width - cut.length());
    }

    private static String left(String s, int width) {
        String cut = s.length() > width ? s.substring(0, width) : s;
        return " ".repeat(width - cut.length()) + cut;
    }

    private static String fit(String s, int width) {
        return s.length() > width ? s.substring(0, width) : s;
    }
}
