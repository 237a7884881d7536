package dev.ebpfmon.sink.top;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/**
 * The terminal side of `ebpfmon top`: raw keys, a full redraw per tick (the table is small) and
 * the terminal restored on close, whatever happened.
 */
public final class TopScreen implements AutoCloseable {
    private static final String HOME_AND_CLEAR = "\033[H\033[2J";
    private static final String HIDE_CURSOR = "\033[?25l";
    private static final String SHOW_CURSOR = "\033[?25h";

    private final Terminal terminal;
    private final Attributes saved;
    private final TopView table;
    private final NonBlockingReader keys;

    public TopScreen(TopView table) throws IOException {
        this.terminal = TerminalBuilder.builder().system(true).build();
        this.saved = terminal.enterRawMode();
        this.table = table;
        this.keys = terminal.reader();
        terminal.writer().print(HIDE_CURSOR);
    }

    /** Waits up to {@code millis} for a key and acts on it; false once the user asked to quit. */
    public boolean handleKey(long millis) throws IOException {
        int c = keys.read(millis);
        if (c == NonBlockingReader.READ_EXPIRED || c < 0) {
            return c != NonBlockingReader.EOF;
        }
        switch (c) {
            case 'q', 'Q', 3 -> {
                return false;
            }
            case '>', '.', 'l', '\t' -> table.moveSort(1);
            case '<', ',', 'h' -> table.moveSort(-1);
            case 'r', 'R' -> table.reverse();
            case 27 -> arrow();
            default -> {
                return true;
            }
        }
        draw();
        return true;
    }

    /** ESC [ C / ESC [ D: the right and left arrows move the sort column. */
    private void arrow() throws IOException {
        if (keys.read(20) != '[') {
            return;
        }
        int c = keys.read(20);
        if (c == 'C') {
            table.moveSort(1);
        } else if (c == 'D') {
            table.moveSort(-1);
        }
    }

    public void draw() {
        int width = terminal.getWidth() > 0 ? terminal.getWidth() : 80;
        int height = terminal.getHeight() > 0 ? terminal.getHeight() : 24;
        List<String> lines = table.render(width, height);
        PrintWriter out = terminal.writer();
        out.print(HOME_AND_CLEAR);
        out.print(String.join("\r\n", lines));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        terminal.writer().print(HOME_AND_CLEAR + SHOW_CURSOR);
        terminal.writer().flush();
        terminal.setAttributes(saved);
        terminal.close();
    }
}
