package dev.ebpfmon.cli;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** host:port as a user types it in a browser ([v6]:port for IPv6). */
final class HostPorts {
    private HostPorts() {}

    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
