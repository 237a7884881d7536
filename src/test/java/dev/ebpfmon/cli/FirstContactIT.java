package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What a new user types first prints only what was asked for, on a machine with Netdata's stock
 * configuration (Debian's netdata package, which `make setup` installs): configuration problems
 * are for the agent and `check` to report, once, when they start.
 */
class FirstContactIT {

    @Test
    void helpAndVersionPrintOnlyThat() throws Exception {
        assertThat(Path.of("/usr/lib/netdata/conf.d/apps_groups.conf")).as("Netdata's stock configuration").exists();
        AgentIT.Result help = AgentIT.run(AgentIT.ebpfmon("--help"), 60);
        assertThat(help.exit()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).startsWith("Usage: ebpfmon ").contains("install-netdata-plugin");
        AgentIT.Result version = AgentIT.run(AgentIT.ebpfmon("--version"), 60);
        assertThat(version.exit()).isZero();
        assertThat(version.err()).isEmpty();
        assertThat(version.out()).matches("ebpfmon \\d+\\.\\d+\\.\\d+\\R");
        for (String command : new String[] {"check", "top", "netdata", "install-netdata-plugin"}) {
            AgentIT.Result sub = AgentIT.run(AgentIT.ebpfmon(command, "--help"), 60);
            assertThat(sub.err()).as(command + " --help").isEmpty();
            assertThat(sub.out()).startsWith("Usage: ebpfmon " + command);
        }
    }

    @Test
    void netdatasStockApplicationGroupsGiveCheckNoWarnings() throws Exception {
        // no --config-dir: Netdata's directories, as on a machine with Netdata installed
        AgentIT.Result check = AgentIT.run(AgentIT.ebpfmon("check"), 120);
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.err()).doesNotContain("apps_groups.conf").doesNotContain("SEVERE");
    }

    @Test
    void pluginInstallFromACheckoutPointsAtMake() throws Exception {
        AgentIT.Result r = AgentIT.run(AgentIT.ebpfmon("install-netdata-plugin"), 60);
        assertThat(r.exit()).isEqualTo(NetdataPluginScript.NOT_PACKAGED);
        assertThat(r.err()).contains("make install-netdata-plugin");
    }
}
