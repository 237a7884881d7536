package dev.ebpfmon.module.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.IniFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** network.conf as Netdata writes it: good lines load, each bad one is reported (file, line, key) and the rest loads. */
class NetworkViewerConfigTest {
    static final ServiceNames SERVICES = ServiceNames.parse("""
            ssh		22/tcp				# SSH Remote Login Protocol
            domain		53/tcp
            domain		53/udp
            http		80/tcp		www		# WorldWideWeb HTTP
            https		443/tcp
            syslog		514/udp
            """);

    private final List<ConfigProblem> problems = new ArrayList<>();

    private NetworkViewerConfig read(String text) {
        return NetworkViewerConfig.read(Optional.of(IniFile.parse("network.conf", text, problems)), problems, SERVICES);
    }

    private List<String> problemTexts() {
        return problems.stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void netdatasStockFileLoadsWithoutProblems() {
        NetworkViewerConfig c = read("""
                [global]
                    bandwidth table size = 16384
                    ipv4 connection table size = 16384
                    ipv6 connection table size = 16384
                    udp connection table size = 4096
                    ebpf type format = auto
                    ebpf co-re tracing = trampoline

                [network connections]
                    maximum dimensions = 50
                    resolve hostnames = no
                    resolve service names = no
                    ports = *
                    ips = !127.0.0.1/8 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7 !::1/128
                    hostnames = *

                [service name]
                    19999 = Netdata
                """);
        assertThat(problems).isEmpty();
        assertThat(c.maxConnections()).isEqualTo(25);
        assertThat(c.tables()).isEqualTo(NetworkViewerConfig.TableSizes.DEFAULT);
        assertThat(c.serviceNames()).isEqualTo(Map.of(19999, "Netdata"));
        assertThat(c.serviceName(19999, false, SERVICES)).isEqualTo("Netdata");
        assertThat(c.serviceName(22, false, SERVICES)).as("resolve service names = no").isEqualTo("22");
        assertThat(c.ips().allows(new byte[] {10, 1, 2, 3})).isTrue();
        assertThat(c.ips().allows(new byte[] {127, 0, 0, 1})).isFalse();
        assertThat(c.ips().allows(new byte[] {8, 8, 8, 8})).as("public addresses are not in Netdata's list").isFalse();
    }

    @Test
    void withoutAFileTheDefaultsAreNetdatas() {
        NetworkViewerConfig c = NetworkViewerConfig.defaults(SERVICES);
        assertThat(c).isEqualTo(read("[network connections]\n"));
        assertThat(c.maxConnections()).isEqualTo(25);
        assertThat(c.resolveHostnames()).isFalse();
        assertThat(problems).isEmpty();
    }

    @Test
    void theShippedNetworkConfSaysTheDefaults() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/config/ebpf.d/network.conf")) {
            NetworkViewerConfig shipped = read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(problems).isEmpty();
            assertThat(shipped).isEqualTo(NetworkViewerConfig.defaults(SERVICES));
        }
    }

    @Test
    void maximumDimensionsCountTwoPerConnectionAndNeverLessThanOne() {
        assertThat(read("[network connections]\nmaximum dimensions = 6\n").maxConnections()).isEqualTo(3);
        assertThat(read("[network connections]\nmaximum dimensions = 7\n").maxConnections()).isEqualTo(3);
        assertThat(read("[network connections]\nmaximum dimensions = 1\n").maxConnections()).isEqualTo(1);
        assertThat(read("[network connections]\nmaximum dimensions = 0\n").maxConnections()).isEqualTo(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void badValuesAreReportedWithFileLineAndKeyAndTheRestLoads() {
        NetworkViewerConfig c = read("""
                [global]
                    ipv4 connection table size = lots
                    udp connection table size = 128
                [network connections]
                    maximum dimensions = -4
                    resolve hostnames = perhaps
                    resolve service names = yes
                    ports = 22 70000 443:80 1:!5 nosuchservice 8000:8010 https !8005 bad-word
                    ips = 10.0.0.0/33 300.1.2.3 10.0.0.9-10.0.0.1 fd00::/129 192.168.0.0/16 10.1.0.0/16/8 fe80::1-10.0.0.1 !10.1.2.3
                    colour = blue
                [service name]
                    99999 = big
                    8080 = two words
                    8081 = web
                """);
        assertThat(problemTexts()).containsExactly(
                "network.conf:2: key 'ipv4 connection table size': expected a whole number of entries between 1 and "
                        + "4194304, got 'lots' (using 16384)",
                "network.conf:10: key 'colour': unknown key in [network connections]; ignored",
                "network.conf:5: key 'maximum dimensions': expected a whole number of dimensions >= 0 (two per "
                        + "connection), got '-4' (using 50)",
                "network.conf:6: key 'resolve hostnames': expected yes or no (also true/false, on/off, 1/0, auto), got "
                        + "'perhaps' (using no)",
                "network.conf:8: key 'ports': '70000' is not a port or a range of ports between 1 and 65535; ignored, "
                        + "the rest of the list applies",
                "network.conf:8: key 'ports': '443:80' is a range whose first port is above its last; ignored, the rest "
                        + "of the list applies",
                "network.conf:8: key 'ports': '1:!5' has '!' in the second part of the range (only a whole range can "
                        + "be excluded); ignored, the rest of the list applies",
                "network.conf:8: key 'ports': 'nosuchservice' is no service name /etc/services knows (for tcp or udp); "
                        + "ignored, the rest of the list applies",
                "network.conf:8: key 'ports': 'bad-word' is no service name /etc/services knows (for tcp or udp); "
                        + "ignored, the rest of the list applies",
                "network.conf:9: key 'ips': '10.0.0.0/33' is not a CIDR block (an IPv4 address with /0 to /32, or IPv6 "
                        + "with /0 to /128); ignored, the rest of the list applies",
                "network.conf:9: key 'ips': '300.1.2.3' is not an IPv4 or IPv6 address, a CIDR block, a range a-b or *; "
                        + "ignored, the rest of the list applies",
                "network.conf:9: key 'ips': '10.0.0.9-10.0.0.1' is a range whose first address is above its last; "
                        + "ignored, the rest of the list applies",
                "network.conf:9: key 'ips': 'fd00::/129' is not a CIDR block (an IPv4 address with /0 to /32, or IPv6 "
                        + "with /0 to /128); ignored, the rest of the list applies",
                "network.conf:9: key 'ips': '10.1.0.0/16/8' is not a CIDR block (an IPv4 address with /0 to /32, or "
                        + "IPv6 with /0 to /128); ignored, the rest of the list applies",
                "network.conf:9: key 'ips': 'fe80::1-10.0.0.1' is not a range of two addresses of one family; ignored, "
                        + "the rest of the list applies",
                "network.conf:12: key '99999': expected a port between 1 and 65535 as the key of [service name]; line "
                        + "ignored",
                "network.conf:13: key '8080': expected a name without blanks, quotes, ':', '=' or '\\', got 'two words'; "
                        + "line ignored");
        // the rest loads
        assertThat(c.tables()).isEqualTo(new NetworkViewerConfig.TableSizes(16384, 16384, 16384, 128));
        assertThat(c.maxConnections()).isEqualTo(25);
        assertThat(c.resolveHostnames()).isFalse();
        assertThat(c.resolveServiceNames()).isTrue();
        assertThat(c.ports().allows(22)).isTrue();
        assertThat(c.ports().allows(443)).as("https from /etc/services").isTrue();
        assertThat(c.ports().allows(8004)).isTrue();
        assertThat(c.ports().allows(8005)).as("excluded").isFalse();
        assertThat(c.ports().allows(80)).as("not named").isFalse();
        assertThat(c.ips().allows(new byte[] {(byte) 192, (byte) 168, 3, 4})).isTrue();
        assertThat(c.ips().allows(new byte[] {10, 0, 0, 5})).as("only bad entries named it").isFalse();
        assertThat(c.serviceNames()).isEqualTo(Map.of(8081, "web"));
        assertThat(c.serviceName(8081, false, SERVICES)).isEqualTo("web");
        assertThat(c.serviceName(22, false, SERVICES)).as("resolve service names = yes").isEqualTo("ssh");
        assertThat(c.serviceName(514, true, SERVICES)).isEqualTo("syslog");
        assertThat(c.serviceName(514, false, SERVICES)).as("no tcp service on 514 here").isEqualTo("514");
    }

    @Test
    void netdata2sEnabledKeyIsAccepted() {
        read("[network connections]\n    enabled = yes\n");
        assertThat(problems).isEmpty();
    }
}
