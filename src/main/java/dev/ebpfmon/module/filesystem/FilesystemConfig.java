package dev.ebpfmon.module.filesystem;

import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.IniFile;
import dev.ebpfmon.config.SettingReader;
import dev.ebpfmon.module.ModuleContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * filesystem.conf's own section, as Netdata reads it: {@code [filesystem]} with one switch per
 * type, {@code <fs>dist = yes|no} (all yes when absent).
 */
final class FilesystemConfig {
    static final String SECTION = "filesystem";
    private static final String KEY_SUFFIX = "dist";

    private FilesystemConfig() {}

    /** The types switched on, in Netdata's order; problems of the section go to the context's list. */
    static List<Filesystem> enabled(ModuleContext context) {
        if (context.file().isEmpty()) {
            return List.of(Filesystem.values());
        }
        IniFile ini = context.file().get();
        List<String> keys = Arrays.stream(Filesystem.values()).map(FilesystemConfig::key).toList();
        for (IniFile.Entry e : ini.entries(SECTION)) {
            if (!keys.contains(e.key().strip().toLowerCase(Locale.ROOT))) {
                context.problems().add(new ConfigProblem(ConfigProblem.Severity.WARNING, ini.file(), e.line(), e.key(),
                        "unknown key in [" + SECTION + "]; known keys are " + String.join(", ", keys) + "; ignored"));
            }
        }
        SettingReader reader = new SettingReader(ini, SECTION, context.problems());
        List<Filesystem> on = new ArrayList<>();
        for (Filesystem fs : Filesystem.values()) {
            if (reader.bool(key(fs), true)) {
                on.add(fs);
            }
        }
        return on;
    }

    static String key(Filesystem fs) {
        return fs.word() + KEY_SUFFIX;
    }
}
