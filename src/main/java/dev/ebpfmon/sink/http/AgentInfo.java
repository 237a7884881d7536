package dev.ebpfmon.sink.http;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code /api/v1/info} and {@code /api/v1/charts} say about the agent itself.
 *
 * @param version     ebpfmon's version
 * @param hostname    the host's name
 * @param updateEvery the agent's tick, seconds
 * @param modules     the dashboard's menu of modules: what each is called, in what order
 */
public record AgentInfo(String version, String hostname, int updateEvery, List<MenuEntry> modules) {

    /** One module in the dashboard's menu. */
    public record MenuEntry(String name, String title, int order) {}

    public AgentInfo(String version, String hostname, int updateEvery) {
        this(version, hostname, updateEvery, List.of());
    }

    public AgentInfo {
        if (version == null || version.isBlank() || hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("agent info needs a version and a hostname");
        }
        if (updateEvery < 1) {
            throw new IllegalArgumentException("update every must be >= 1, not " + updateEvery);
        }
        modules = List.copyOf(modules);
    }

    /**
     * The kernel's host name ({@code /proc/sys/kernel/hostname}), which unlike a DNS lookup cannot
     * hang; the JDK's idea of it where /proc is not there.
     */
    public static String localHostname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
