package dev.ebpfmon.module.socket;

/**
 * The kernel's socket_overflow counters (socket.h, enum socket_overflow): traffic of connections
 * the connection tables had no room for, by direction, and how many events that was.
 */
final class ViewerOverflow {
    static final int COUNTERS = 11;
    /** Where the inbound half starts: OVERFLOW_IN_SENT_BYTES. */
    static final int IN_FIRST = 5;
    static final int EVENTS = 10;

    private ViewerOverflow() {}

    /** The {@link Connection} counter an overflow counter adds to (both halves are in Connection's order). */
    static int counterOf(int overflowCounter) {
        return overflowCounter >= IN_FIRST ? overflowCounter - IN_FIRST : overflowCounter;
    }
}
