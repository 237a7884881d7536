package dev.ebpfmon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of the kernel-side table and what they are compared with. The agent is started once in
 * each configuration first, to learn where it attaches and which modules run; each configuration
 * then gets a floor of empty programs on exactly those points, and each module that runs in
 * "all" a row of its own.
 */
record KernelPlan(List<Setup> setups, List<KernelReport.Comparison> comparisons, String legend) {
    static final double FLOOR_TARGET = 1.3;
    static final double BPFTRACE_TARGET = 0.5;

    /**
     * @param smoke      fewer rows (no built-in configuration, one module row), for a run that only checks the path works
     * @param baseline   another build's launcher, measured in the same rounds (rows baseline-&lt;config&gt;)
     * @param moduleRows whether to measure each module alone
     */
    static KernelPlan make(Path launcher, Path workDir, boolean bpftrace, boolean smoke, Optional<Path> baseline,
            boolean moduleRows, System.Logger log) throws Exception {
        List<AgentConfig> configs = smoke ? List.of(AgentConfig.stock(), AgentConfig.everything())
                : List.of(AgentConfig.stock(), AgentConfig.builtin(), AgentConfig.everything());
        Map<AgentConfig, AgentLook> looks = new LinkedHashMap<>();
        for (AgentConfig c : configs) {
            log.log(System.Logger.Level.INFO, "starting the agent in ''{0}'' to see where it attaches", c.label());
            looks.put(c, AgentLook.of(c, launcher, workDir));
        }
        List<Setup> setups = new ArrayList<>(List.of(new Setup.Bare()));
        List<KernelReport.Comparison> comparisons = new ArrayList<>();
        StringBuilder legend = new StringBuilder("Rows (each agent row is `bin/ebpfmon netdata 1 --config-dir <dir>`, started"
                + " fresh for each measurement and measured once its first tick is out):\n- **nothing**: no BPF attached.\n");
        Map<List<String>, String> floors = new LinkedHashMap<>();
        for (Map.Entry<AgentConfig, AgentLook> e : looks.entrySet()) {
            AgentConfig c = e.getKey();
            AgentLook look = e.getValue();
            String floor = floors.get(look.points());
            if (floor == null) {
                floor = "floor-" + c.label();
                floors.put(look.points(), floor);
                setups.add(new Setup.Floor(floor, look.points()));
                legend.append(String.format(Locale.ROOT, "- **%s**: one empty tp_btf program on each point the agent attached in"
                        + " '%s': %s.%n", floor, c.label(), String.join(", ", look.points())));
            }
            String row = "ebpfmon-" + c.label();
            setups.add(new Setup.Agent(row, c, launcher, workDir, Optional.empty()));
            comparisons.add(new KernelReport.Comparison(row, floor, FLOOR_TARGET));
            legend.append(String.format(Locale.ROOT, "- **%s**: %s. Modules running: %s.%n", row, c.description(),
                    String.join(", ", look.running())));
            if (baseline.isPresent()) {
                String before = "baseline-" + c.label();
                setups.add(new Setup.Agent(before, c, baseline.get(), workDir, Optional.empty()));
                comparisons.add(new KernelReport.Comparison(before, floor, FLOOR_TARGET));
                legend.append(String.format(Locale.ROOT, "- **%s**: the same, started through `%s` (another build).%n",
                        before, baseline.get()));
            }
        }
        List<String> modules = looks.get(configs.getLast()).running();
        for (String module : !moduleRows ? List.<String>of() : smoke ? modules.subList(0, Math.min(1, modules.size())) : modules) {
            AgentConfig only = AgentConfig.only(module);
            setups.add(new Setup.Agent("ebpfmon-" + only.label(), only, launcher, workDir, Optional.of(module)));
        }
        legend.append("- **ebpfmon-only-<module>**: each module that runs in 'all', alone, with the settings of 'all'"
                + " (return mode, apps and cgroups on): what that module adds by itself.\n");
        if (bpftrace) {
            Setup.Bpftrace b = new Setup.Bpftrace("bpftrace", BpftraceRun.SCRIPT);
            setups.add(b);
            comparisons.add(new KernelReport.Comparison("ebpfmon-stock", b.label(), BPFTRACE_TARGET));
            legend.append("- **bpftrace**: `bpftrace -e '" + BpftraceRun.SCRIPT + "'`, what a user counting the same calls"
                    + " per process would write (entry side only, like entry mode).\n");
        }
        legend.append("\nCells: median ns per call (+ ns added over nothing) ± half the min-max range in % of the median."
                + " Ratios: added ns over added ns.\n");
        return new KernelPlan(setups, comparisons, legend.toString());
    }
}
