package dev.ebpfmon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Netdata-style INI file: {@code [section]} headers, {@code key = value} lines whose key may
 * contain spaces, and whole-line {@code #} comments. Section and key lookups ignore case and
 * surrounding blanks. When a key repeats inside a section the later line wins, as in Netdata.
 */
public final class IniFile {

    /** One effective setting, with the line it came from so problems can point at it. */
    public record Entry(String section, String key, String value, int line) {}

    private final Path file;
    // normalised section -> normalised key -> entry; insertion order = first appearance
    private final Map<String, Map<String, Entry>> sections;
    private final Map<String, Integer> sectionLines;

    private IniFile(Path file, Map<String, Map<String, Entry>> sections, Map<String, Integer> sectionLines) {
        this.file = file;
        this.sections = sections;
        this.sectionLines = sectionLines;
    }

    /** An empty file, for callers that need an {@code IniFile} when nothing could be read. */
    static IniFile empty(Path file) {
        return new IniFile(file, Map.of(), Map.of());
    }

    /**
     * Reads and parses {@code file}. An unreadable file yields an ERROR problem and an empty
     * result rather than an exception, because a broken config must not stop monitoring.
     */
    public static IniFile parse(Path file, List<ConfigProblem> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            problems.add(ConfigProblem.error(file, 0, null, "cannot read file: " + describe(e)));
            return empty(file);
        }
        // Lenient decoding: a stray non-UTF-8 byte in a comment should not cost the whole file.
        return parse(file, new String(bytes, StandardCharsets.UTF_8), problems);
    }

    /** Parses text that did not come from the filesystem (class-path resources, tests). */
    public static IniFile parse(String name, String text, List<ConfigProblem> problems) {
        return parse(Path.of(name), text, problems);
    }

    private static IniFile parse(Path file, String text, List<ConfigProblem> problems) {
        Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        Map<String, Integer> sectionLines = new LinkedHashMap<>();
        String section = null;
        boolean skipping = false;
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3 || line.substring(1, line.length() - 1).isBlank()) {
                    problems.add(ConfigProblem.error(file, lineNo, null,
                            "malformed section header '" + line + "'; lines up to the next section are ignored"));
                    section = null;
                    skipping = true;
                    continue;
                }
                section = line.substring(1, line.length() - 1).strip();
                skipping = false;
                sections.computeIfAbsent(normalise(section), _ -> new LinkedHashMap<>());
                sectionLines.putIfAbsent(normalise(section), lineNo);
                continue;
            }
            if (skipping) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                problems.add(ConfigProblem.error(file, lineNo, null,
                        "expected 'key = value', got '" + line + "'; line ignored"));
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.isEmpty()) {
                problems.add(ConfigProblem.error(file, lineNo, null, "missing key before '='; line ignored"));
                continue;
            }
            if (section == null) {
                problems.add(ConfigProblem.error(file, lineNo, key,
                        "setting appears before any [section] header; line ignored"));
                continue;
            }
            Map<String, Entry> entries = sections.get(normalise(section));
            Entry previous = entries.put(normalise(key), new Entry(section, key, value, lineNo));
            if (previous != null) {
                problems.add(ConfigProblem.warning(file, lineNo, key,
                        "repeated in [" + section + "] (first on line " + previous.line() + "); this later value wins"));
            }
        }
        return new IniFile(file, sections, sectionLines);
    }

    public Path file() {
        return file;
    }

    public Optional<Entry> get(String section, String key) {
        Map<String, Entry> entries = sections.get(normalise(section));
        return entries == null ? Optional.empty() : Optional.ofNullable(entries.get(normalise(key)));
    }

    /** The effective entries of a section in order of first appearance; empty if absent. */
    public List<Entry> entries(String section) {
        Map<String, Entry> entries = sections.get(normalise(section));
        return entries == null ? List.of() : List.copyOf(entries.values());
    }

    /** Section names, lower-cased, in file order. */
    public Set<String> sections() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(sections.keySet()));
    }

    static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String describe(Exception e) {
        String msg = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return msg == null ? kind : kind + " (" + msg + ")";
    }

    @Override
    public String toString() {
        return "IniFile[" + file + ", sections=" + sections.keySet() + "]";
    }

    /** Line of the first header of {@code section}, or 0 if there is none. */
    int sectionLine(String section) {
        return sectionLines.getOrDefault(normalise(section), 0);
    }
}
