import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A Markdown table with padded columns: readable in a terminal, pasteable into README.md. */
final class Markdown {
    private final List<String[]> rows = new ArrayList<>();

    Markdown(String... header) {
        rows.add(header);
    }

    void row(String... cells) {
        rows.add(Arrays.stream(cells).map(c -> c.replace("|", "\\|").replace('\n', ' ')).toArray(String[]::new));
    }

    void print() {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (int n = 0; n < rows.size(); n++) {
            System.out.println(line(rows.get(n), width));
            if (n == 0) {
                String[] rule = new String[width.length];
                for (int i = 0; i < width.length; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                System.out.println(line(rule, width));
            }
        }
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            b.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
        }
        return b.toString();
    }
}
