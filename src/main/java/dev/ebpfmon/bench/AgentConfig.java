package dev.ebpfmon.bench;

import dev.ebpfmon.config.NetdataModules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A configuration the benchmark starts the agent with: the {@code ebpf.d.conf} a user would write,
 * in a directory of its own passed as {@code --config-dir} (so that no installed Netdata file leaks
 * in; apps_groups.conf is then ebpfmon's shipped one).
 *
 * @param label       the row name in the tables
 * @param description what it is, for the legend
 * @param updateEvery its {@code update every}: one collection tick per this many seconds
 * @param ebpfdConf   the file's text; empty for built-in defaults (no file at all)
 */
record AgentConfig(String label, String description, int updateEvery, String ebpfdConf) {
    /** Netdata's module names, in its order, as ebpfmon's configuration knows them (all 16). */
    static final List<String> MODULES = NetdataModules.NAMES;

    /** The modules Netdata 1.37.1's stock ebpf.d.conf switches on. */
    static final Set<String> STOCK_1_37_1_MODULES =
            Set.of("fd", "hardirq", "mount", "oomkill", "process", "socket", "softirq", "sync", "vfs");

    /**
     * Netdata 1.37.1's stock ebpf.d.conf (Debian's netdata 1.37.1 installs it), key for key: entry
     * mode, apps on, cgroups off, update every 5 s, its module list. Modules ebpfmon cannot run
     * here are skipped by the agent, as they would be for a user.
     */
    static AgentConfig stock() {
        return new AgentConfig("stock", "Netdata 1.37.1's stock ebpf.d.conf: entry mode, apps on, cgroups off,"
                + " update every 5 s, pid table size 32768; modules " + String.join(", ", sorted(STOCK_1_37_1_MODULES)),
                5, global("entry", true, false, 5) + "    btf path = /sys/kernel/btf/\n" + programs(STOCK_1_37_1_MODULES, false));
    }

    /** Everything on: return mode, apps and cgroups, every second, all 16 modules (those that cannot run are skipped). */
    static AgentConfig everything() {
        return new AgentConfig("all", "everything on: return mode, apps and cgroups on, update every 1 s,"
                + " pid table size 32768, all 16 modules switched on (the agent skips those it cannot run here)",
                1, global("return", true, true, 1) + programs(Set.copyOf(MODULES), true));
    }

    /** ebpfmon's built-in defaults (no ebpf.d.conf): the modules on by default; entry mode; apps and cgroups off. */
    static AgentConfig builtin() {
        return new AgentConfig("builtin", "ebpfmon's built-in defaults (an empty --config-dir): entry mode,"
                + " apps and cgroups off, update every 1 s, the modules on by default (ebpfmon check lists them)", 1, "");
    }

    /** {@link #everything()}'s settings with one module alone. */
    static AgentConfig only(String module) {
        if (!MODULES.contains(module)) {
            throw new IllegalArgumentException("unknown module '" + module + "'; known: " + MODULES);
        }
        return new AgentConfig("only-" + module, module + " alone, with the settings of 'all'", 1,
                global("return", true, true, 1) + programs(Set.of(module), false));
    }

    /** Writes {@code dir/<label>/ebpf.d.conf} (or an empty directory) and returns the directory. */
    Path writeUnder(Path dir) throws IOException {
        Path own = Files.createDirectories(dir.resolve(label));
        if (!ebpfdConf.isEmpty()) {
            Files.writeString(own.resolve("ebpf.d.conf"), ebpfdConf);
        }
        return own;
    }

    private static String global(String mode, boolean apps, boolean cgroups, int updateEvery) {
        return "[global]\n"
                + "    ebpf load mode = " + mode + "\n"
                + "    apps = " + yesNo(apps) + "\n"
                + "    cgroups = " + yesNo(cgroups) + "\n"
                + "    update every = " + updateEvery + "\n"
                + "    pid table size = 32768\n";
    }

    private static String programs(Set<String> enabled, boolean networkConnections) {
        StringBuilder s = new StringBuilder("\n[ebpf programs]\n");
        for (String m : sorted(Set.copyOf(MODULES))) {
            s.append("    ").append(m).append(" = ").append(yesNo(enabled.contains(m))).append('\n');
        }
        return s.append("    network connections = ").append(yesNo(networkConnections)).append('\n').toString();
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
