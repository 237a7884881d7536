package dev.ebpfmon.cli;

import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.KernelInspector;
import dev.ebpfmon.sink.top.TopColumn;
import dev.ebpfmon.sink.top.TopScreen;
import dev.ebpfmon.sink.top.TopTable;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `ebpfmon top`: a live table in the terminal, one row per application (apps_groups.conf), per
 * process or per cgroup, refreshed every second, sorted by a column the keys choose.
 */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = "Live per-application table in the terminal (q quits, < > choose the sort column, r reverses).")
final class TopCommand implements Callable<Integer> {
    enum By { app, process, cgroup }

    @Option(names = "--by", defaultValue = "app", description = "rows: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    By by;

    @Option(names = "--config-dir", description = "directory with ebpf.d.conf, ebpf.d/ and apps_groups.conf")
    Path configDir;

    @Option(names = "--ticks", hidden = true, description = "stop after this many seconds (tests)")
    long ticks;

    @Override
    public Integer call() throws Exception {
        KernelInspector kernel = KernelInspector.system();
        var refused = Preflight.refuse(kernel);
        if (refused.isPresent()) {
            return refused.getAsInt();
        }
        // log lines would tear the screen: only errors, and after the screen is gone
        Logger.getLogger("").setLevel(Level.SEVERE);
        Session.GroupMode mode = by == By.process ? Session.GroupMode.PER_PROCESS : Session.GroupMode.APPS_GROUPS;
        String rows = switch (by) {
            case app -> "application";
            case process -> "process";
            case cgroup -> "cgroup";
        };
        TopTable table = new TopTable(TopColumn.DEFAULT, rows);
        try (Session session = Session.open(Optional.ofNullable(configDir), kernel, this::withGroups,
                Session.Options.DEFAULT.withGroupMode(mode));
                TopScreen screen = new TopScreen(table)) {
            TickLoop loop = new TickLoop(session, Integer.MAX_VALUE);
            screen.draw();
            long next = System.currentTimeMillis() + 1000 - System.currentTimeMillis() % 1000;
            for (long second = 0; ticks == 0 || second < ticks; ) {
                long wait = next - System.currentTimeMillis();
                if (wait > 0) {
                    if (!screen.handleKey(Math.min(wait, 100))) {
                        break;
                    }
                    continue;
                }
                Tick tick = loop.collect(second++);
                table.update(System.currentTimeMillis(), tick.samples());
                table.retire(tick.retired());
                screen.draw();
                next += 1000;
            }
        }
        return 0;
    }

    /** top needs the per-group charts whatever the config says, every second. */
    private ModuleSettings withGroups(ModuleSettings s) {
        boolean apps = by != By.cgroup;
        return s.withUpdateEvery(1).withGroups(apps, !apps);
    }
}
