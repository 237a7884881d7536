package dev.ebpfmon.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per message on stderr: stdout belongs to the plugins.d protocol or the table, and
 * Netdata copies a plugin's stderr into its own error log.
 */
final class LogSetup {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private LogSetup() {}

    static void toStderr() {
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String thrown = r.getThrown() == null ? "" : ": " + r.getThrown();
                return TIME.format(LocalDateTime.now()) + " ebpfmon " + r.getLevel().getName() + " "
                        + r.getLoggerName() + ": " + formatMessage(r) + thrown + System.lineSeparator();
            }
        });
        String level = System.getenv().getOrDefault("EBPFMON_LOG", "INFO");
        Level chosen = Level.parse(level.toUpperCase(java.util.Locale.ROOT));
        handler.setLevel(chosen);
        root.setLevel(chosen);
        root.addHandler(handler);
    }
}
