package dev.ebpfmon.module.socket;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 48 bytes of {@code struct socket_conn_key} (socket.h) as six longs: cheap to copy out of a
 * map reader's buffer, to hash and to compare; the fields are decoded when asked for.
 */
record ConnKey(long w0, long w1, long w2, long w3, long w4, long w5) {
    static final int SIZE = 48;
    static final int AF_INET = 2;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    static ConnKey read(MemorySegment s, long offset) {
        return new ConnKey(s.get(LONG, offset), s.get(LONG, offset + 8), s.get(LONG, offset + 16),
                s.get(LONG, offset + 24), s.get(LONG, offset + 32), s.get(LONG, offset + 40));
    }

    /** A key as the BPF side writes it (tests). */
    static ConnKey of(int family, int protocol, int netns, byte[] local, int localPort, byte[] remote, int remotePort) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, local).put(16, remote).putInt(32, netns).putShort(36, (short) localPort)
                .putShort(38, (short) remotePort).put(40, (byte) family).put(41, (byte) protocol);
        return new ConnKey(b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32), b.getLong(40));
    }

    void write(MemorySegment s, long offset) {
        s.set(LONG, offset, w0);
        s.set(LONG, offset + 8, w1);
        s.set(LONG, offset + 16, w2);
        s.set(LONG, offset + 24, w3);
        s.set(LONG, offset + 32, w4);
        s.set(LONG, offset + 40, w5);
    }

    int netns() {
        return (int) w4;
    }

    int localPort() {
        return (int) (w4 >>> 32) & 0xffff;
    }

    int remotePort() {
        return (int) (w4 >>> 48) & 0xffff;
    }

    int family() {
        return (int) w5 & 0xff;
    }

    int protocol() {
        return (int) (w5 >>> 8) & 0xff;
    }

    boolean udp() {
        return protocol() == IPPROTO_UDP;
    }

    /** The local address, 4 or 16 bytes (an IPv4-mapped IPv6 address as IPv4). */
    byte[] localAddress() {
        return address(w0, w1);
    }

    byte[] remoteAddress() {
        return address(w2, w3);
    }

    private byte[] address(long low, long high) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0, low).putLong(8, high);
        byte[] bytes = b.array();
        return family() == AF_INET ? java.util.Arrays.copyOf(bytes, 4) : Addresses.normalise(bytes);
    }
}
