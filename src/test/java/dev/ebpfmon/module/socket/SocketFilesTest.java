package dev.ebpfmon.module.socket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The kernel's files the module reads: /proc/net/snmp and /proc/net/tcp. */
class SocketFilesTest {
    @Test
    void snmpCountersAreFoundByName() {
        String snmp = """
                Ip: Forwarding DefaultTTL
                Ip: 1 64
                Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors
                Tcp: 1 200 120000 -1 1427 962 404 83 0 89143 73752 8 0 474 0
                Udp: InDatagrams NoPorts
                Udp: 5 6
                """;
        assertThat(Snmp.tcp(snmp, "RetransSegs")).hasValue(8);
        assertThat(Snmp.tcp(snmp, "ActiveOpens")).hasValue(1427);
        assertThat(Snmp.tcp(snmp, "PassiveOpens")).hasValue(962);
        assertThat(Snmp.tcp(snmp, "Nothing")).isEmpty();
    }

    @Test
    void listeningPortsAreTheLocalPortsInStateListen() {
        String tcp = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:4E1E 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1
                   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1
                   2: 0100007F:9C40 0100007F:4E1E 01 00000000:00000000 00:00000000 00000000     0        0 3 1
                """;
        assertThat(ListenerSeed.listeningPorts(tcp)).containsExactly(22, 19998);
    }

    @Test
    void keysDecodeAsTheKernelWroteThem() {
        byte[] local = {10, 0, 0, 1};
        byte[] remote = {(byte) 192, (byte) 168, 1, 2};
        ConnKey k = ConnKey.of(2, 17, (int) 4026531840L, local, 53, remote, 40000);
        assertThat(k.family()).isEqualTo(2);
        assertThat(k.udp()).isTrue();
        assertThat(k.localPort()).isEqualTo(53);
        assertThat(k.remotePort()).isEqualTo(40000);
        assertThat(k.netns()).isEqualTo((int) 4026531840L);
        assertThat(k.localAddress()).containsExactly(local);
        assertThat(k.remoteAddress()).containsExactly(remote);
        assertThat(ConnectionsView.endpoint(new byte[16], 80)).isEqualTo("[::]:80");
    }
}
