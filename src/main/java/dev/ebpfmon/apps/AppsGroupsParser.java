package dev.ebpfmon.apps;

import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.ConfigProblem.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Netdata's apps_groups.conf: {@code group: pattern pattern ...}, one or more lines per
 * group, '#' starting a comment, quotes (' or ") around patterns with blanks. Option characters
 * before a pattern are Netdata's: '-' hides the group it creates, '+' (debugging) is accepted and
 * ignored, '*' makes a suffix. {@code managers:} lines name processes whose children do not
 * inherit their group; {@code interpreters:} lines are accepted and ignored (ebpfmon does not
 * rename processes by script name).
 */
final class AppsGroupsParser {

    record Rule(AppPattern pattern, AppGroup group, int line) {}

    private final Path file;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, AppGroup> groups = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<AppPattern> managers = new ArrayList<>();

    private AppsGroupsParser(Path file) {
        this.file = file;
    }

    /** @param file named in problems; null for the shipped default */
    static AppsGroups parse(Path file, List<String> lines) {
        AppsGroupsParser p = new AppsGroupsParser(file);
        for (int i = 0; i < lines.size(); i++) {
            p.line(i + 1, lines.get(i));
        }
        p.groups.computeIfAbsent(AppGroup.OTHER, n -> new AppGroup(n, false));
        return new AppsGroups(file, List.copyOf(p.groups.values()), List.copyOf(p.rules), List.copyOf(p.managers),
                p.problems);
    }

    private void line(int no, String raw) {
        String text = raw.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return;
        }
        int colon = unquotedColon(text);
        if (colon < 0) {
            problem(no, "expected 'group: pattern ...' but there is no ':'; line ignored");
            return;
        }
        String name = text.substring(0, colon).strip();
        if (name.isEmpty()) {
            problem(no, "empty group name before ':'; line ignored");
            return;
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"')) {
            problem(no, "group name '" + name + "' must be one word without quotes; line ignored");
            return;
        }
        List<String> words = words(text.substring(colon + 1));
        if (words == null) {
            problem(no, "unterminated quote; line ignored");
            return;
        }
        switch (name) {
            case "managers" -> managers(no, words);
            case "interpreters" -> { }
            default -> group(no, name, words);
        }
    }

    private void managers(int no, List<String> words) {
        if (words.size() == 1 && words.getFirst().equals("clear")) {
            managers.clear();
            return;
        }
        for (String w : words) {
            AppPattern p = pattern(no, w);
            if (p != null) {
                managers.add(p);
            }
        }
    }

    private void group(int no, String rawName, List<String> words) {
        boolean hiddenName = rawName.startsWith("-");
        String name = rawName.replaceFirst("^-+", "");
        if (name.isEmpty()) {
            problem(no, "group name '" + rawName + "' is only option characters; line ignored");
            return;
        }
        if (words.isEmpty()) {
            warn(no, "group '" + name + "' lists no processes");
        }
        for (String w : words) {
            AppPattern p = pattern(no, w);
            if (p == null) {
                continue;
            }
            Rule earlier = rules.stream()
                    .filter(r -> r.pattern().kind() == p.kind() && r.pattern().core().equals(p.core()))
                    .findFirst().orElse(null);
            if (earlier != null) {
                warn(no, "'" + w + "' is already in group '" + earlier.group().name() + "' (line " + earlier.line()
                        + "); the first one wins");
                continue;
            }
            if (p.neverMatches()) {
                warn(no, "'" + w + "' can never match: Linux keeps " + ProcessInfo.COMM_MAX + " characters of a "
                        + "process name, and the rest of a longer name is read from the command line only up to "
                        + "a blank, '/', quote, ')' or ':'; write *" + p.core() + "* to search command lines");
            }
            // As in Netdata, whichever word first creates the group decides whether it is hidden
            boolean hidden = hiddenName || optionPrefix(w).indexOf('-') >= 0;
            AppGroup g = groups.computeIfAbsent(name, n -> new AppGroup(n, hidden));
            rules.add(new Rule(p, g, no));
        }
    }

    private static String optionPrefix(String word) {
        int i = 0;
        while (i < word.length() && "-+*".indexOf(word.charAt(i)) >= 0) {
            i++;
        }
        return word.substring(0, i);
    }

    /** Null (with a problem) for words that leave nothing to compare. */
    private AppPattern pattern(int no, String word) {
        String options = optionPrefix(word);
        int i = options.length();
        boolean suffix = options.indexOf('*') >= 0;
        int end = word.length();
        boolean prefix = false;
        while (end > i && word.charAt(end - 1) == '*') {
            prefix = true;
            end--;
        }
        String core = word.substring(i, end);
        if (core.isEmpty()) {
            problem(no, "pattern '" + word + "' has nothing to match; pattern ignored");
            return null;
        }
        AppPattern.Kind kind = prefix && suffix ? AppPattern.Kind.SUBSTRING
                : prefix ? AppPattern.Kind.PREFIX
                : suffix ? AppPattern.Kind.SUFFIX
                : AppPattern.Kind.EXACT;
        return AppPattern.of(word, kind, core);
    }

    private static int unquotedColon(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ':') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Words split on blanks and ':' (Netdata's separators) unless quoted; a word starting with
     * '#' ends the line. Null when a quote is left open.
     */
    private static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == ' ' || c == '\t' || c == ':') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else if (c == '#' && !inWord) {
                break;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return null;
        }
        if (inWord) {
            words.add(w.toString());
        }
        words.removeIf(String::isEmpty);
        return words;
    }

    private void problem(int line, String message) {
        problems.add(new ConfigProblem(Severity.ERROR, file, line, null, message));
    }

    private void warn(int line, String message) {
        problems.add(new ConfigProblem(Severity.WARNING, file, line, null, message));
    }
}
