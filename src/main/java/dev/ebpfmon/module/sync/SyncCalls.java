package dev.ebpfmon.module.sync;

import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.IniFile;
import dev.ebpfmon.config.SettingReader;
import dev.ebpfmon.module.ModuleContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The calls sync.conf's {@code [syscalls]} switches on, as Netdata reads the section: one
 * yes/no key per call, named after it, every call on unless its key says no. A call switched off
 * is neither counted nor charted.
 */
record SyncCalls(Set<SyncCounter> on) {
    static final String SECTION = "syscalls";
    static final SyncCalls ALL = new SyncCalls(EnumSet.allOf(SyncCounter.class));

    SyncCalls {
        on = on.isEmpty() ? EnumSet.noneOf(SyncCounter.class) : EnumSet.copyOf(on);
    }

    /** The calls of the module's file; bad values and unknown keys go to the context's problems, once. */
    static SyncCalls of(ModuleContext context) {
        return context.file().map(f -> read(f, context.problems())).orElse(ALL);
    }

    static SyncCalls read(IniFile file, List<ConfigProblem> problems) {
        List<ConfigProblem> found = new ArrayList<>();
        SettingReader reader = new SettingReader(file, SECTION, found);
        Set<SyncCounter> on = EnumSet.noneOf(SyncCounter.class);
        for (SyncCounter call : SyncCounter.values()) {
            if (reader.bool(call.syscall(), true)) {
                on.add(call);
            }
        }
        for (IniFile.Entry e : file.entries(SECTION)) {
            if (Arrays.stream(SyncCounter.values()).noneMatch(c -> c.syscall().equals(e.key().strip().toLowerCase(Locale.ROOT)))) {
                found.add(new ConfigProblem(ConfigProblem.Severity.WARNING, file.file(), e.line(), e.key(),
                        "not a call of the sync module (" + String.join(", ", names()) + "); ignored"));
            }
        }
        // charts, uses and the collector all ask: report each problem once
        found.stream().filter(p -> !problems.contains(p)).forEach(problems::add);
        return new SyncCalls(on);
    }

    private static List<String> names() {
        return Arrays.stream(SyncCounter.values()).map(SyncCounter::syscall).toList();
    }

    boolean has(SyncCounter call) {
        return on.contains(call);
    }

    boolean none() {
        return on.isEmpty();
    }

    /** {@code sync_calls} in the BPF code: bit (1 << counter id) per call switched on. */
    long mask() {
        return on.stream().mapToLong(c -> 1L << c.id()).reduce(0, (a, b) -> a | b);
    }
}
