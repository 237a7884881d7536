package dev.ebpfmon.module;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.golden.Conditions;
import dev.ebpfmon.chart.golden.GoldenChart;
import dev.ebpfmon.chart.golden.GoldenDiff;
import dev.ebpfmon.chart.golden.GoldenFile;
import dev.ebpfmon.chart.golden.GoldenRenderer;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.group.GroupChartMaker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every implemented module's chart catalog (host charts and group chart layouts) against its golden,
 * generated from Netdata 1.37.1's chart tables with the deviation table applied: in return mode
 * with apps and cgroups on (every chart), and in entry mode with both off (host charts only).
 * Conditions of a module's own (a filesystem mounted, a sync call switched on) hold: a module's
 * catalog lists what its defaults allow.
 */
class ModuleChartsGoldenTest {
    private static final Set<String> SWITCHED = Set.of("return", "apps", "cgroups", "services", "internals");

    static Stream<Module> modules() {
        return ModuleCatalog.implemented().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void everyChartIsNetdatasOrAListedDeviation(Module module) {
        GoldenFile golden = GoldenFile.load(module.name());
        Set<String> own = moduleAtoms(golden);

        Set<String> all = new LinkedHashSet<>(own);
        all.addAll(List.of("return", "apps", "cgroups", "services"));
        ModuleSettings everything = ModuleSettings.builtIn(module.name()).withLoadMode(LoadMode.RETURN)
                .withGroups(true, true);
        GoldenDiff.assertSame(module.name(), golden.select(Conditions.of(all.toArray(String[]::new))),
                GoldenRenderer.render(catalog(module, everything)));

        ModuleSettings hostOnly = ModuleSettings.builtIn(module.name()).withLoadMode(LoadMode.ENTRY)
                .withGroups(false, false);
        GoldenDiff.assertSame(module.name(), golden.select(Conditions.of(own.toArray(String[]::new))),
                GoldenRenderer.render(catalog(module, hostOnly)));
    }

    /** What the module charts in these settings: its host charts, then its group charts' layouts. */
    static List<Chart> catalog(Module module, ModuleSettings settings) {
        ModuleContext context = ModuleContext.of(settings);
        List<Chart> charts = new ArrayList<>(module.charts(context));
        charts.addAll(GroupChartMaker.templates(module.name(), context, module.groupCharts(context)));
        return charts;
    }

    /** The golden's conditions that are the module's own (fs:ext4, syscall:fsync, ...). */
    private static Set<String> moduleAtoms(GoldenFile golden) {
        Set<String> atoms = new LinkedHashSet<>();
        for (GoldenChart c : golden.charts()) {
            Stream.concat(Stream.of(c.when()), c.dimensions().stream().map(d -> d.when()))
                    .flatMap(w -> Stream.of(w.split("[+|]"))).filter(a -> !a.isEmpty() && !a.equals("always"))
                    .filter(a -> !SWITCHED.contains(a)).forEach(atoms::add);
        }
        return atoms;
    }
}
