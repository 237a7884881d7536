package dev.ebpfmon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per message on stderr: stdout belongs to the plugins.d protocol or the table, Netdata
 * copies a plugin's stderr into its own error log, and journald makes one entry of each line.
 *
 * <p>Levels carry the names Netdata and syslog use (ERROR, WARNING, INFO, DEBUG), never Java's
 * SEVERE or FINE. On a terminal or under Netdata a line reads like Netdata 1.37's own log,
 * {@code 2026-01-31 10:00:00: ebpfmon WARNING : message}; when stderr is the journal (systemd
 * sets {@code JOURNAL_STREAM}) the time is left to journald and the line starts with the
 * {@code <N>} syslog priority prefix, so that {@code journalctl -p warning} finds warnings.
 * {@code EBPFMON_LOG=error|warning|info|debug} chooses how much is logged (default info).
 */
final class LogSetup {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String ROOT_LOGGER = "ebpfmon";

    private LogSetup() {}

    /** A level as shown, and its syslog priority. */
    record Severity(String name, int priority) {
        static Severity of(Level level) {
            int v = level.intValue();
            if (v >= Level.SEVERE.intValue()) {
                return new Severity("ERROR", 3);
            }
            if (v >= Level.WARNING.intValue()) {
                return new Severity("WARNING", 4);
            }
            if (v >= Level.INFO.intValue()) {
                return new Severity("INFO", 6);
            }
            return new Severity("DEBUG", 7);
        }
    }

    static void toStderr() {
        Map<String, String> env = System.getenv();
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        String wanted = env.getOrDefault("EBPFMON_LOG", "info");
        Level chosen = parseLevel(wanted);
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new LineFormatter(journalIsStderr(env.get("JOURNAL_STREAM"))));
        handler.setLevel(chosen == null ? Level.INFO : chosen);
        root.setLevel(handler.getLevel());
        root.addHandler(handler);
        if (chosen == null) {
            Logger.getLogger(ROOT_LOGGER).warning("EBPFMON_LOG=" + wanted + " is not one of error, warning, info, "
                    + "debug; logging at info");
        }
    }

    /** The level for an {@code EBPFMON_LOG} value, or null when it names none. */
    static Level parseLevel(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "error", "err", "severe" -> Level.SEVERE;
            case "warning", "warn" -> Level.WARNING;
            case "info", "" -> Level.INFO;
            case "debug", "fine" -> Level.FINE;
            case "trace", "finer", "finest", "all" -> Level.ALL;
            case "off", "none" -> Level.OFF;
            default -> null;
        };
    }

    /**
     * Whether stderr is the journal stream systemd connected: {@code JOURNAL_STREAM} holds its
     * {@code device:inode}, and a child whose stderr was redirected elsewhere inherits the
     * variable but not the stream.
     */
    static boolean journalIsStderr(String journalStream) {
        if (journalStream == null || journalStream.isBlank()) {
            return false;
        }
        try {
            Path stderr = Path.of("/proc/self/fd/2");
            long dev = ((Number) Files.getAttribute(stderr, "unix:dev")).longValue();
            long ino = ((Number) Files.getAttribute(stderr, "unix:ino")).longValue();
            return journalStream.strip().equals(dev + ":" + ino);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Formats records as single lines; see the class comment. */
    static final class LineFormatter extends Formatter {
        private final boolean journal;

        LineFormatter(boolean journal) {
            this.journal = journal;
        }

        @Override
        public String format(LogRecord r) {
            Severity severity = Severity.of(r.getLevel());
            StringBuilder line = new StringBuilder(128);
            if (journal) {
                line.append('<').append(severity.priority()).append('>').append(severity.name()).append(": ");
            } else {
                line.append(TIME.format(LocalDateTime.now())).append(": ").append(ROOT_LOGGER).append(' ')
                        .append(severity.name()).append(" : ");
            }
            String component = component(r.getLoggerName());
            if (!component.isEmpty()) {
                line.append(component).append(": ");
            }
            line.append(oneLine(formatMessage(r)));
            for (Throwable t = r.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                line.append(t == r.getThrown() ? ": " : "; caused by ").append(oneLine(String.valueOf(t)));
            }
            return line.append(System.lineSeparator()).toString();
        }

        /** {@code ebpfmon.loader} is shown as {@code loader}; the main logger needs no name. */
        static String component(String loggerName) {
            if (loggerName == null || loggerName.isEmpty() || loggerName.equals(ROOT_LOGGER)) {
                return "";
            }
            return loggerName.startsWith(ROOT_LOGGER + ".") ? loggerName.substring(ROOT_LOGGER.length() + 1)
                    : loggerName;
        }

        /** Line breaks inside a message (libbpf's verifier log) would start new journal entries. */
        static String oneLine(String text) {
            return text.strip().replaceAll("\\s*\\R\\s*", " | ");
        }
    }
}
