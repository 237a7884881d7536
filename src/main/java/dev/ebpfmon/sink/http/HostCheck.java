package dev.ebpfmon.sink.http;

import java.net.InetAddress;
import java.util.Locale;

/**
 * Refuses requests whose {@code Host} is not a loopback name while the server listens on loopback.
 * Without it, any web page could rebind its own DNS name to 127.0.0.1 and read the API through the
 * visitor's browser; with it, such requests arrive carrying the page's host name and are refused.
 */
final class HostCheck {
    private final boolean loopbackOnly;

    HostCheck(boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    void check(String hostHeader) throws HttpError {
        if (!loopbackOnly || hostHeader == null) {
            return; // HTTP/1.0 clients send no Host; they cannot be a browser rebinding attack
        }
        String host = stripPort(hostHeader.strip()).toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost") || isLoopbackLiteral(host)) {
            return;
        }
        throw new HttpError(403, "host '" + hostHeader + "' is not a loopback name; this agent listens on loopback"
                + " only, so use http://localhost or http://127.0.0.1");
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean isLoopbackLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            // ofLiteral never asks DNS; a name is not a literal and fails.
            return InetAddress.ofLiteral(literal).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
