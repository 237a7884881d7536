package dev.ebpfmon.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed values out of one section, turning each bad value into an ERROR problem that names
 * the fallback actually used, so the reader of the log knows what ebpfmon is running with.
 */
public final class SettingReader {

    private final IniFile ini;
    private final String section;
    private final List<ConfigProblem> problems;

    public SettingReader(IniFile ini, String section, List<ConfigProblem> problems) {
        this.ini = ini;
        this.section = section;
        this.problems = problems;
    }

    public Optional<IniFile.Entry> entry(String key) {
        return ini.get(section, key);
    }

    public boolean bool(String key, boolean fallback) {
        return entry(key).map(e -> bool(e, fallback)).orElse(fallback);
    }

    boolean bool(IniFile.Entry e, boolean fallback) {
        // Netdata counts "auto" and "on demand" as yes: they mean "when it makes sense", and
        // ebpfmon has no separate notion of that. Netdata reads "1" as no (anything unrecognised
        // is no there); ebpfmon takes 1/0 at face value and reports other words instead.
        return switch (e.value().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on", "1", "auto", "on demand" -> true;
            case "no", "false", "off", "0" -> false;
            default -> {
                bad(e, "yes or no (also true/false, on/off, 1/0, auto)", fallback ? "yes" : "no");
                yield fallback;
            }
        };
    }

    /** A whole number in {@code [min, max]}; {@code expected} describes it for the message. */
    public int integer(String key, int min, int max, int fallback, String expected) {
        Optional<IniFile.Entry> found = entry(key);
        if (found.isEmpty()) {
            return fallback;
        }
        IniFile.Entry e = found.get();
        try {
            long v = Long.parseLong(e.value());
            if (v >= min && v <= max) {
                return (int) v;
            }
        } catch (NumberFormatException ignored) {
            // reported below, together with out-of-range values
        }
        bad(e, expected, Integer.toString(fallback));
        return fallback;
    }

    public <E extends Enum<E>> E choice(String key, E[] values, Function<E, String> word, E fallback) {
        Optional<IniFile.Entry> found = entry(key);
        if (found.isEmpty()) {
            return fallback;
        }
        IniFile.Entry e = found.get();
        Optional<E> v = ConfigWords.find(values, word, e.value());
        if (v.isEmpty()) {
            bad(e, "one of " + ConfigWords.list(values, word), word.apply(fallback));
        }
        return v.orElse(fallback);
    }

    private void bad(IniFile.Entry e, String expected, String using) {
        problems.add(ConfigProblem.error(ini.file(), e.line(), e.key(),
                "expected " + expected + ", got '" + e.value() + "' (using " + using + ")"));
    }
}
