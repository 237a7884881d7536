package dev.ebpfmon.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong in a configuration file. Problems never stop ebpfmon: the offending value is
 * replaced by a default (and the message says which), so they are collected and reported instead
 * of thrown.
 *
 * @param line 1-based line number, or 0 when the problem concerns the whole file or directory
 * @param key  the configuration key, or {@code null} for line- or file-level problems
 */
public record ConfigProblem(Severity severity, Path file, int line, String key, String message) {

    public enum Severity { WARNING, ERROR }

    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    static ConfigProblem error(Path file, int line, String key, String message) {
        return new ConfigProblem(Severity.ERROR, file, line, key, message);
    }

    static ConfigProblem warning(Path file, int line, String key, String message) {
        return new ConfigProblem(Severity.WARNING, file, line, key, message);
    }

    /** Renders like a compiler diagnostic so editors and people can jump to the line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<built-in>" : file.toString());
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (key != null) {
            sb.append("key '").append(key).append("': ");
        }
        return sb.append(message).toString();
    }
}
