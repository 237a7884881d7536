package dev.ebpfmon.module.socket;

import dev.ebpfmon.bpf.BpfException;
import dev.ebpfmon.bpf.BpfMap;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells the kernel side which ports listened before the module started (it sees only the
 * listens that happen while it runs): the LISTEN sockets of /proc/net/tcp and tcp6, for the
 * agent's own network namespace (other namespaces' files are not the agent's to read here).
 * Without this, connections to a service that was already listening would count as outbound.
 */
final class ListenerSeed {
    private static final String LISTEN = "0A";

    private ListenerSeed() {}

    /** The local ports in state LISTEN of /proc/net/tcp-format text. */
    static Set<Integer> listeningPorts(String text) {
        Set<Integer> ports = new TreeSet<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4 || !f[3].equals(LISTEN)) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            if (colon > 0) {
                ports.add(Integer.parseInt(f[1].substring(colon + 1), 16));
            }
        }
        return ports;
    }

    /** Adds the agent's namespace's listening ports to socket_listeners (ports already there stay as they are). */
    static void seed(BpfMap listeners, int netns, Path procNet) {
        Set<Integer> ports = new TreeSet<>();
        for (String file : new String[] {"tcp", "tcp6"}) {
            try {
                ports.addAll(listeningPorts(Files.readString(procNet.resolve(file))));
            } catch (IOException e) {
                // no IPv6, or no /proc here: nothing listens that we could tell
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(8, 4);
            MemorySegment value = arena.allocate(8, 4); // struct socket_listening: one socket, owner unknown
            value.set(ValueLayout.JAVA_INT, 0, 1);
            value.set(ValueLayout.JAVA_INT, 4, 0);
            for (int port : ports) {
                key.set(ValueLayout.JAVA_INT, 0, netns);
                key.set(ValueLayout.JAVA_SHORT, 4, (short) port);
                key.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
                try {
                    listeners.update(key, value, BpfMap.BPF_NOEXIST);
                } catch (BpfException e) {
                    // already known (EEXIST), or the table is full: the kernel side's count stands
                }
            }
        }
    }
}
