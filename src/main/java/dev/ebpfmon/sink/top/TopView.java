package dev.ebpfmon.sink.top;

import java.util.List;

/** What `ebpfmon top` shows: rows sorted by a column the keys choose, rendered to fit the terminal. */
public interface TopView {
    /** The screen: a title line, a header line and as many rows as fit in {@code height} lines. */
    List<String> render(int width, int height);

    /** Sorts by the next (+1) or previous (-1) column. */
    void moveSort(int step);

    void reverse();
}
