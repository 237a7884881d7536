package dev.ebpfmon.module.socket;

/**
 * One connection the agent follows, as last read from the kernel's table: its totals, what the
 * last read added, who used it last, and the network viewer's verdict and share of it.
 */
final class Connection {
    static final int SENT_BYTES = 0;
    static final int RECV_BYTES = 1;
    static final int SENT_PACKETS = 2;
    static final int RECV_PACKETS = 3;
    static final int RETRANSMITS = 4;
    static final int COUNTERS = 5;

    /** What the viewer does with a connection, decided once. */
    enum Verdict { UNDECIDED, KEPT, DROPPED }

    final ConnKey key;
    final boolean inbound;
    final long[] totals = new long[COUNTERS];
    final long[] deltas = new long[COUNTERS];
    /** The part of {@link #totals} the viewer has charted (or dropped) already. */
    final long[] accounted = new long[COUNTERS];
    /** When the kernel made its record (boot-time ns): the order connections came in. */
    long firstNs;
    int tgid;
    String comm = "";
    long commLow;
    long commHigh;
    boolean closed;
    /** Deleted from the kernel's table after this read (closed, or an idle UDP flow). */
    boolean deleted;
    long lastChangeTick;
    long lastSeen;
    Verdict verdict = Verdict.UNDECIDED;
    /** The viewer's dimension (aggregate) the connection is counted in. */
    String chartedAs = "";

    Connection(ConnKey key, boolean inbound) {
        this.key = key;
        this.inbound = inbound;
    }

    /** The port that names the service: the remote one of an outbound connection, the local one of an inbound. */
    int servicePort() {
        return inbound ? key.localPort() : key.remotePort();
    }

    /** An unconnected UDP socket: its peers change with every datagram. */
    boolean unconnected() {
        return key.udp() && key.remotePort() == 0;
    }
}
