package dev.ebpfmon.module.socket;

import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.IniFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Reports a bad word of a list setting ({@code ports}, {@code ips}, {@code hostnames}) with the
 * file, line and key it came from; the word is dropped and the rest of the list applies.
 */
record ListProblems(Path file, int line, String key, List<ConfigProblem> problems) {
    static ListProblems of(Path file, IniFile.Entry entry, List<ConfigProblem> problems) {
        return new ListProblems(file, entry.line(), entry.key(), problems);
    }

    /** For lists that did not come from a file (built-in defaults, tests). */
    static ListProblems builtIn(String key, List<ConfigProblem> problems) {
        return new ListProblems(null, 0, key, problems);
    }

    void bad(String word, String why) {
        problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, line, key,
                "'" + word + "' " + why + "; ignored, the rest of the list applies"));
    }
}
