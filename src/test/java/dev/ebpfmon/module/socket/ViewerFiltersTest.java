package dev.ebpfmon.module.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ports, ips and hostnames lists: what each keeps. */
class ViewerFiltersTest {
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final ListProblems sink = ListProblems.builtIn("list", problems);

    private static byte[] ip(String text) {
        return IpFilter.literal(text).orElseThrow();
    }

    @ParameterizedTest(name = "ports ''{0}'' on {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "*                 | 1     | true",
            "*                 | 65535 | true",
            "22                | 22    | true",
            "22                | 23    | false",
            "1000:2000         | 1000  | true",
            "1000:2000         | 2000  | true",
            "1000:2000         | 2001  | false",
            "1000-2000         | 1500  | true",
            "* !22             | 22    | false",
            "* !22             | 23    | true",
            "!22               | 80    | true",
            "!22               | 22    | false",
            "!1000:2000 1500   | 1500  | false",
            "ssh               | 22    | true",
            "ssh               | 2222  | false",
            "80 www            | 80    | true",
    })
    void ports(String list, int port, boolean kept) {
        PortFilter f = PortFilter.parse(list, name -> name.equals("ssh") ? OptionalInt.of(22)
                : name.equals("www") ? OptionalInt.of(80) : OptionalInt.empty(), sink);
        assertThat(f.allows(port)).isEqualTo(kept);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "ips ''{0}'' on {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "*                         | 8.8.8.8           | true",
            "*                         | 2001:db8::1       | true",
            "10.0.0.0/8                | 10.255.1.1        | true",
            "10.0.0.0/8                | 11.0.0.1          | false",
            "10.1.2.3/8                | 10.200.0.0        | true",
            "10.0.0.5                  | 10.0.0.5          | true",
            "10.0.0.5                  | 10.0.0.6          | false",
            "10.0.0.1-10.0.0.9         | 10.0.0.9          | true",
            "10.0.0.1-10.0.0.9         | 10.0.0.10         | false",
            "fc00::/7                  | fd77:12::3        | true",
            "fc00::/7                  | fe80::1           | false",
            "fc00::/7                  | 10.0.0.1          | false",
            "2001:db8::1-2001:db8::ff  | 2001:db8::80      | true",
            "::/0                      | ::1               | true",
            "0.0.0.0/0                 | 1.2.3.4           | true",
            "0.0.0.0/0                 | ::1               | false",
            "10.0.0.0/8 !10.1.0.0/16   | 10.1.2.3          | false",
            "10.0.0.0/8 !10.1.0.0/16   | 10.2.2.3          | true",
            "!10.1.0.0/16              | 8.8.8.8           | true",
            "10.0.0.0/8                | ::ffff:10.1.1.1   | true",
            "!127.0.0.1/8 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7 !::1/128 | 172.31.255.255 | true",
            "!127.0.0.1/8 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7 !::1/128 | 172.32.0.0     | false",
            "!127.0.0.1/8 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7 !::1/128 | ::1            | false",
    })
    void ips(String list, String address, boolean kept) {
        assertThat(IpFilter.parse(list, sink).allows(ip(address))).isEqualTo(kept);
    }

    @Test
    void anIpv4MappedBlockIsAnIpv4Block() {
        // ::ffff:10.0.0.0 is 10.0.0.0: a /104 of it is not a CIDR of the IPv4 address's length
        IpFilter.parse("::ffff:10.0.0.0/104", sink);
        assertThat(problems).hasSize(1);
    }

    @Test
    void addressesAreLiteralsNeverNames() {
        assertThat(IpFilter.literal("localhost")).isEmpty();
        assertThat(IpFilter.literal("10.0.0")).isEmpty();
        assertThat(IpFilter.literal("1.2.3.256")).isEmpty();
        assertThat(IpFilter.literal("fd00::1")).isPresent();
    }

    @ParameterizedTest(name = "hostnames ''{0}'' on {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "*                     | db.example.com    | true",
            "*.example.com         | db.example.com    | true",
            "*.example.com         | example.org       | false",
            "* !*.internal         | db.internal       | false",
            "!*.internal *         | db.internal       | false",
            "!*.internal           | www.example.com   | true",
            "db* !db2*             | db2.example.com   | false",
            "db* !db2*             | db1.example.com   | true",
    })
    void hostnames(String list, String name, boolean kept) {
        assertThat(HostnameFilter.parse(list).allows(name)).isEqualTo(kept);
    }

    @Test
    void addressesAreWrittenShort() {
        assertThat(Addresses.text(ip("10.0.0.1"))).isEqualTo("10.0.0.1");
        assertThat(Addresses.text(ip("fd77:12:0:0:0:0:0:3"))).isEqualTo("fd77:12::3");
        assertThat(Addresses.text(ip("::1"))).isEqualTo("::1");
        assertThat(Addresses.text(ip("::"))).isEqualTo("::");
        assertThat(Addresses.text(ip("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Addresses.text(ip("2001:0:0:1:0:0:0:1"))).isEqualTo("2001:0:0:1::1");
        assertThat(Addresses.normalise(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 0, 0, 1}))
                .containsExactly(10, 0, 0, 1);
    }

    @Test
    void servicesComeFromTheServicesFile() {
        ServiceNames s = NetworkViewerConfigTest.SERVICES;
        assertThat(s.port("ssh")).hasValue(22);
        assertThat(s.port("www")).as("an alias").hasValue(80);
        assertThat(s.port("syslog")).as("udp only").hasValue(514);
        assertThat(s.port("gopher")).isEmpty();
        assertThat(s.name(53, "udp")).hasValue("domain");
        assertThat(s.name(443, "udp")).isEmpty();
        assertThat(ServiceNames.load(java.nio.file.Path.of("/nonexistent/services")).port("ssh")).isEmpty();
        assertThat(Optional.of(ServiceNames.load(ServiceNames.ETC_SERVICES).name(22, "tcp")))
                .as("the machine's own /etc/services (Debian's netbase)").contains(Optional.of("ssh"));
    }
}
