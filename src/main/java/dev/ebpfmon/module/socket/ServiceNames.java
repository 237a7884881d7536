package dev.ebpfmon.module.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The services database, {@code /etc/services} ({@code name port/protocol aliases... # comment}):
 * the name of a port for a protocol, and the port of a name or alias. Read once; a missing or
 * unreadable file is an empty database (minimal containers have none).
 */
final class ServiceNames {
    static final Path ETC_SERVICES = Path.of("/etc/services");

    private final Map<String, String> nameByPort = new HashMap<>();
    private final Map<String, Integer> portByName = new HashMap<>();

    private ServiceNames() {}

    static ServiceNames load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException e) {
            return new ServiceNames();
        }
    }

    static ServiceNames parse(String text) {
        ServiceNames names = new ServiceNames();
        for (String raw : text.split("\n")) {
            int hash = raw.indexOf('#');
            String[] words = (hash < 0 ? raw : raw.substring(0, hash)).strip().split("\\s+");
            if (words.length < 2) {
                continue;
            }
            String[] portProto = words[1].split("/");
            if (portProto.length != 2 || !portProto[0].matches("\\d{1,5}")) {
                continue;
            }
            int port = Integer.parseInt(portProto[0]);
            String protocol = portProto[1].toLowerCase(java.util.Locale.ROOT);
            names.nameByPort.putIfAbsent(port + "/" + protocol, words[0]);
            for (int i = 0; i < words.length; i++) {
                if (i != 1) {
                    names.portByName.putIfAbsent(words[i] + "/" + protocol, port);
                }
            }
        }
        return names;
    }

    /** @param protocol {@code tcp} or {@code udp} */
    Optional<String> name(int port, String protocol) {
        return Optional.ofNullable(nameByPort.get(port + "/" + protocol));
    }

    /** The port of a service name or alias, for TCP, else for UDP (as Netdata asks getservbyname). */
    OptionalInt port(String name) {
        Integer port = portByName.getOrDefault(name + "/tcp", portByName.get(name + "/udp"));
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }
}
