package dev.ebpfmon.sink.http;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Writes addresses the way users type them: {@code 127.0.0.1:19998}, {@code [::1]:19998}. */
final class HostPort {
    private HostPort() {}

    static String format(InetSocketAddress address) {
        if (address.getAddress() == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        String host = address.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        if (address.getAddress() instanceof Inet6Address) {
            return "[" + compress(zone >= 0 ? host.substring(0, zone) : host) + "]:" + address.getPort();
        }
        return host + ":" + address.getPort();
    }

    /** The JDK writes {@code 0:0:0:0:0:0:0:1}; RFC 5952 says {@code ::1}: the longest run of zero groups becomes {@code ::}. */
    static String compress(String full) {
        String[] groups = full.split(":", -1);
        int bestStart = -1;
        int bestLength = 1; // a single zero group stays as it is
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
