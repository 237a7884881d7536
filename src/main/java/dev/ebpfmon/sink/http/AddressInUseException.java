package dev.ebpfmon.sink.http;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The agent's address is taken; the message is one sentence for the user. */
public final class AddressInUseException extends IOException {

    AddressInUseException(InetSocketAddress address, Throwable cause) {
        super(HostPort.format(address) + " is already in use (another ebpfmon or Netdata agent?)", cause);
    }
}
