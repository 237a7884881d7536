package dev.ebpfmon.module.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces of a test's own, a sender's and a receiver's, joined by a veth pair:
 * {@code 10.<n>.0.1} and {@code fd<n>::1} on the sender's side, {@code .2} and {@code .3} (and
 * {@code ::2}, {@code ::3}) on the receiver's. Removed on close, veth and all.
 */
final class NetnsPair implements AutoCloseable {
    final String sender;
    final String receiver;
    final int subnet;

    NetnsPair() throws IOException, InterruptedException {
        subnet = ThreadLocalRandom.current().nextInt(100, 250);
        String tag = Long.toString(ProcessHandle.current().pid() % 10000) + "x" + subnet;
        sender = "ebpfmon-snd" + tag;
        receiver = "ebpfmon-rcv" + tag;
        String vs = "evs" + tag;
        String vr = "evr" + tag;
        run("ip", "netns", "add", sender);
        run("ip", "netns", "add", receiver);
        run("ip", "link", "add", vs, "type", "veth", "peer", "name", vr);
        run("ip", "link", "set", vs, "netns", sender);
        run("ip", "link", "set", vr, "netns", receiver);
        run("ip", "-n", sender, "addr", "add", v4(1) + "/24", "dev", vs);
        run("ip", "-n", sender, "addr", "add", v6(1) + "/64", "dev", vs, "nodad");
        for (int host : new int[] {2, 3}) {
            run("ip", "-n", receiver, "addr", "add", v4(host) + "/24", "dev", vr);
            run("ip", "-n", receiver, "addr", "add", v6(host) + "/64", "dev", vr, "nodad");
        }
        for (String[] ns : new String[][] {{sender, vs}, {receiver, vr}}) {
            run("ip", "-n", ns[0], "link", "set", "lo", "up");
            run("ip", "-n", ns[0], "link", "set", ns[1], "up");
        }
    }

    String v4(int host) {
        return "10." + subnet + ".0." + host;
    }

    String v6(int host) {
        return "fd77:" + Integer.toHexString(subnet) + "::" + host;
    }

    /** The receiver drops every {@code n}th data segment (no SYN, FIN or RST) sent to {@code port}. */
    void dropEvery(int n, int port) throws IOException, InterruptedException {
        String rules = "table inet ebpfmon_drop {\n  chain input {\n    type filter hook input priority 0; policy accept;\n"
                + "    tcp dport " + port + " tcp flags & (syn | fin | rst) == 0 meta length > 100 numgen inc mod " + n
                + " == 0 drop\n  }\n}\n";
        Process p = new ProcessBuilder("ip", "netns", "exec", receiver, "nft", "-f", "-").redirectErrorStream(true).start();
        p.getOutputStream().write(rules.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("nft in " + receiver + " failed: " + out);
        }
    }

    /** The namespace's id, as the kernel side keys its counts. */
    int inode(String namespace) {
        return NetnsCounts.inode(Path.of("/run/netns", namespace));
    }

    /** A {@code Tcp:} counter of the namespace's own /proc/net/snmp. */
    long snmp(String namespace, String counter) throws IOException, InterruptedException {
        return Snmp.tcp(run("ip", "netns", "exec", namespace, "cat", "/proc/net/snmp"), counter).orElseThrow();
    }

    /**
     * The namespace's counters of retransmits that failed or gave up (/proc/net/netstat's
     * {@code TcpExt:}), to say what a mismatch with RetransSegs came from.
     */
    String failedRetransmits(String namespace) throws IOException, InterruptedException {
        String text = run("ip", "netns", "exec", namespace, "cat", "/proc/net/netstat");
        StringBuilder out = new StringBuilder();
        for (String name : List.of("TCPRetransFail", "TCPSpuriousRtxHostQueues", "TCPWqueueTooBig", "TCPLossProbes")) {
            out.append(name).append('=').append(Snmp.counter(text, "TcpExt:", name).orElse(-1)).append(' ');
        }
        return out.toString().trim();
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (String ns : new String[] {sender, receiver}) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IllegalStateException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failures));
        }
    }
}
