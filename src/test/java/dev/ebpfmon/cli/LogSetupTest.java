package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    private static String format(boolean journal, Level level, String logger, String message, Throwable thrown) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName(logger);
        r.setThrown(thrown);
        return new LogSetup.LineFormatter(journal).format(r);
    }

    @Test
    void terminalLinesLookLikeNetdatasLogWithSyslogLevelNames() {
        assertThat(format(false, Level.SEVERE, "ebpfmon", "boom", null))
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d: ebpfmon ERROR : boom\\R");
        assertThat(format(false, Level.WARNING, "ebpfmon.loader", "slow", null)).contains(": ebpfmon WARNING : loader: slow");
        assertThat(format(false, Level.FINE, "ebpfmon", "x", null)).contains(" DEBUG : x");
        assertThat(format(false, Level.CONFIG, "ebpfmon", "x", null)).contains(" DEBUG : x");
        assertThat(format(false, Level.INFO, "other.lib", "x", null)).contains(" INFO : other.lib: x");
    }

    @Test
    void journalLinesCarryThePriorityPrefixAndNoTime() {
        assertThat(format(true, Level.SEVERE, "ebpfmon", "boom", null)).isEqualTo("<3>ERROR: boom" + System.lineSeparator());
        assertThat(format(true, Level.WARNING, "ebpfmon", "w", null)).startsWith("<4>WARNING: w");
        assertThat(format(true, Level.INFO, "ebpfmon.http", "i", null)).startsWith("<6>INFO: http: i");
        assertThat(format(true, Level.FINEST, "ebpfmon", "d", null)).startsWith("<7>DEBUG: d");
    }

    @Test
    void everyMessageIsOneLineThrowablesAndVerifierLogsIncluded() {
        String line = format(true, Level.WARNING, "ebpfmon.libbpf", "load failed:\n0: r1 = 0\n  1: exit\n",
                new IllegalStateException("outer", new IOException("inner\nsecond line")));
        assertThat(line).isEqualTo("<4>WARNING: libbpf: load failed: | 0: r1 = 0 | 1: exit: "
                + "java.lang.IllegalStateException: outer; caused by java.io.IOException: inner | second line"
                + System.lineSeparator());
        assertThat(line.strip().lines()).hasSize(1);
    }

    @Test
    void levelNamesUsersWriteAreAccepted() {
        assertThat(LogSetup.parseLevel("warning")).isEqualTo(Level.WARNING);
        assertThat(LogSetup.parseLevel(" WARN ")).isEqualTo(Level.WARNING);
        assertThat(LogSetup.parseLevel("error")).isEqualTo(Level.SEVERE);
        assertThat(LogSetup.parseLevel("debug")).isEqualTo(Level.FINE);
        assertThat(LogSetup.parseLevel("SEVERE")).isEqualTo(Level.SEVERE);
        assertThat(LogSetup.parseLevel("loud")).isNull();
    }

    @Test
    void journalIsRecognisedOnlyWhenStderrIsThatStream() {
        assertThat(LogSetup.journalIsStderr(null)).isFalse();
        assertThat(LogSetup.journalIsStderr("")).isFalse();
        assertThat(LogSetup.journalIsStderr("1:1")).isFalse();
        assertThat(LogSetup.journalIsStderr("not a pair")).isFalse();
    }
}
