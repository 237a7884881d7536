package dev.ebpfmon.module.socket;

/** Counter ids of the socket module, in the order of `enum socket_counter` in src/main/bpf/modules/socket/socket.h. */
public enum SocketCounter {
    TCP_SEND_CALL, TCP_SEND_BYTES, TCP_SEND_ERR,
    TCP_RECV_CALL, TCP_RECV_BYTES, TCP_RECV_ERR,
    UDP_SEND_CALL, UDP_SEND_BYTES, UDP_SEND_ERR,
    UDP_RECV_CALL, UDP_RECV_BYTES, UDP_RECV_ERR,
    TCP_CONNECT_V4, TCP_CONNECT_V6,
    /** Segments, as /proc/net/snmp's RetransSegs counts them. */
    TCP_RETRANSMIT,
    /** TCP sockets destroyed; host only. */
    TCP_CLOSE,
    /** Connections established on a listener; host only. */
    TCP_INBOUND;

    public static final int COUNT = values().length;

    public int id() {
        return ordinal();
    }
}
