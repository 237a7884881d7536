package dev.ebpfmon.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.module.ModuleCatalog;
import dev.ebpfmon.module.ModuleContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * alerts/ebpfmon-rules.yml: valid for Prometheus, its promtool unit tests pass, and every metric it
 * queries is the name this package gives the Netdata chart the alarm was written for: the module's
 * own chart where the module is built (sync), otherwise defined here as Netdata 1.37 defines it,
 * counted as running totals.
 */
class AlertRulesTest {
    static final Path ALERTS = Path.of("alerts");

    static String promtool(String... args) throws IOException, InterruptedException {
        assertThat(Path.of("/usr/bin/promtool")).as("promtool (Debian's prometheus package; make setup installs it)")
                .isExecutable();
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(ALERTS.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }

    @Test
    void rulesAreValid() throws Exception {
        assertThat(promtool("check", "rules", "ebpfmon-rules.yml")).contains("SUCCESS: 4 rules found");
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        assertThat(promtool("test", "rules", "ebpfmon-rules.test.yml")).contains("SUCCESS");
    }

    private static String name(String type, String id, String units, String module, String... dimensions) {
        Chart chart = Chart.builder(type, id).title("t").units(units).module(module)
                .dimensions(java.util.Arrays.stream(dimensions).map(Dimension::incremental).toList()).build();
        return FamilySpec.of(chart, null).name() + "_total";
    }

    /** The metric of a built module's chart, as its catalog defines it with the module's defaults. */
    private static String name(String module, String fullId) {
        return FamilySpec.of(chart(module, fullId), null).name() + "_total";
    }

    private static Chart chart(String module, String fullId) {
        return ModuleCatalog.find(module).orElseThrow().charts(ModuleContext.of(ModuleSettings.builtIn(module)))
                .stream().filter(c -> c.fullId().equals(fullId)).findFirst().orElseThrow();
    }

    @Test
    void everyQueriedMetricIsNamedAsTheSinkNamesNetdatasChart() throws IOException {
        String rules = Files.readString(ALERTS.resolve("ebpfmon-rules.yml"));
        List<String> names = List.of(
                name("sync", "mem.sync"),
                name("apps", "oomkills", "kills", "oomkill", "postgres"),
                name("socket", "ip.tcp_retransmit"),
                name("socket", "ip.tcp_functions"),
                name("apps", "task_error", "calls/s", "process", "build"));
        assertThat(names).containsExactly("ebpfmon_mem_sync_calls_total", "ebpfmon_apps_oomkills_total",
                "ebpfmon_ip_tcp_retransmit_calls_total", "ebpfmon_ip_tcp_functions_calls_total",
                "ebpfmon_apps_task_error_calls_total");
        for (String name : names) {
            assertThat(rules).as(name).containsPattern(java.util.regex.Pattern.quote(name) + "[{\\[]");
        }
        assertThat(dimensionNames("socket", "ip.tcp_retransmit")).contains("retransmitted");
        assertThat(dimensionNames("socket", "ip.tcp_functions")).contains("sent");
        assertThat(dimensionNames("sync", "mem.sync")).contains("sync");
    }

    /** The dimension label values the rules select on: the dimensions' names. */
    private static List<String> dimensionNames(String module, String fullId) {
        return chart(module, fullId).dimensions().stream().map(Dimension::name).toList();
    }
}
