package dev.ebpfmon.module.socket;

import dev.ebpfmon.config.ConfigProblem;
import dev.ebpfmon.config.IniFile;
import dev.ebpfmon.config.SettingReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The socket module's own settings in network.conf, read as Netdata writes them: the kernel
 * tables' sizes in {@code [global]}, the network viewer's {@code [network connections]} and the
 * names of ports in {@code [service name]}. A bad value or list word is reported with its file,
 * line and key, and the rest loads.
 *
 * @param maxConnections   connections the viewer charts: {@code maximum dimensions} over two, as each
 *                         makes two dimensions (sent and received); the rest are counted in {@code other}
 * @param serviceNames     {@code [service name]}: a port's name, whatever {@code resolve service names} says
 */
record NetworkViewerConfig(int maxConnections, boolean resolveHostnames, boolean resolveServiceNames,
        PortFilter ports, IpFilter ips, HostnameFilter hostnames, Map<Integer, String> serviceNames,
        TableSizes tables) {
    static final String SECTION = "network connections";
    static final String NAMES_SECTION = "service name";
    static final int DEFAULT_DIMENSIONS = 50;

    /** Entries of the kernel's tables (Netdata's keys of network.conf's [global]). */
    record TableSizes(int bandwidth, int ipv4, int ipv6, int udp) {
        static final TableSizes DEFAULT = new TableSizes(16384, 16384, 16384, 4096);
        static final int MAX = 1 << 22;
    }

    private static final Set<String> KEYS = Set.of("maximum dimensions", "resolve hostnames", "resolve service names",
            "ports", "ips", "hostnames");
    /** Netdata 2.x's switch of the viewer; ebpfmon's is [ebpf programs] network connections. */
    private static final Set<String> TOLERATED = Set.of("enabled");

    NetworkViewerConfig {
        serviceNames = Map.copyOf(serviceNames);
    }

    /** Netdata's defaults, as if network.conf said nothing. */
    static NetworkViewerConfig defaults(ServiceNames services) {
        return read(Optional.empty(), new java.util.ArrayList<>(), services);
    }

    static NetworkViewerConfig read(Optional<IniFile> file, List<ConfigProblem> problems, ServiceNames services) {
        IniFile ini = file.orElse(null);
        TableSizes tables = ini == null ? TableSizes.DEFAULT : tables(new SettingReader(ini, "global", problems));
        if (ini == null) {
            return new NetworkViewerConfig(DEFAULT_DIMENSIONS / 2, false, false, PortFilter.ALL,
                    IpFilter.parse(IpFilter.DEFAULT, ListProblems.builtIn("ips", problems)), HostnameFilter.ALL,
                    Map.of(), tables);
        }
        for (IniFile.Entry e : ini.entries(SECTION)) {
            String key = e.key().strip().toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key) && !TOLERATED.contains(key)) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.WARNING, ini.file(), e.line(), e.key(),
                        "unknown key in [" + SECTION + "]; ignored"));
            }
        }
        SettingReader r = new SettingReader(ini, SECTION, problems);
        int dimensions = r.integer("maximum dimensions", 0, Integer.MAX_VALUE, DEFAULT_DIMENSIONS,
                "a whole number of dimensions >= 0 (two per connection)");
        boolean resolveHostnames = r.bool("resolve hostnames", false);
        boolean resolveServices = r.bool("resolve service names", false);
        PortFilter ports = r.entry("ports")
                .map(e -> PortFilter.parse(e.value(), services::port, ListProblems.of(ini.file(), e, problems)))
                .orElse(PortFilter.ALL);
        IpFilter ips = r.entry("ips").map(e -> IpFilter.parse(e.value(), ListProblems.of(ini.file(), e, problems)))
                .orElse(IpFilter.parse(IpFilter.DEFAULT, ListProblems.builtIn("ips", problems)));
        HostnameFilter hostnames = r.entry("hostnames").map(e -> HostnameFilter.parse(e.value()))
                .orElse(HostnameFilter.ALL);
        return new NetworkViewerConfig(Math.max(1, dimensions / 2), resolveHostnames, resolveServices, ports, ips,
                hostnames, names(ini, problems), tables);
    }

    private static TableSizes tables(SettingReader r) {
        TableSizes d = TableSizes.DEFAULT;
        String expected = "a whole number of entries between 1 and " + TableSizes.MAX;
        return new TableSizes(r.integer("bandwidth table size", 1, TableSizes.MAX, d.bandwidth(), expected),
                r.integer("ipv4 connection table size", 1, TableSizes.MAX, d.ipv4(), expected),
                r.integer("ipv6 connection table size", 1, TableSizes.MAX, d.ipv6(), expected),
                r.integer("udp connection table size", 1, TableSizes.MAX, d.udp(), expected));
    }

    /** {@code [service name]}: {@code <port> = <name>}; the name becomes part of dimension names. */
    private static Map<Integer, String> names(IniFile ini, List<ConfigProblem> problems) {
        Map<Integer, String> names = new LinkedHashMap<>();
        for (IniFile.Entry e : ini.entries(NAMES_SECTION)) {
            String port = e.key().strip();
            String name = e.value().strip();
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < PortFilter.MIN
                    || Integer.parseInt(port) > PortFilter.MAX) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, ini.file(), e.line(), e.key(),
                        "expected a port between 1 and 65535 as the key of [" + NAMES_SECTION + "]; line ignored"));
            } else if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 127 && c != '\'' && c != '"'
                    && c != '=' && c != '\\' && c != ':')) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, ini.file(), e.line(), e.key(),
                        "expected a name without blanks, quotes, ':', '=' or '\\', got '" + name + "'; line ignored"));
            } else {
                names.put(Integer.parseInt(port), name);
            }
        }
        return names;
    }

    /** What a port is called in a dimension: [service name], else /etc/services when asked, else the number. */
    String serviceName(int port, boolean udp, ServiceNames services) {
        String named = serviceNames.get(port);
        if (named != null) {
            return named;
        }
        if (resolveServiceNames) {
            return services.name(port, udp ? "udp" : "tcp").orElse(Integer.toString(port));
        }
        return Integer.toString(port);
    }
}
