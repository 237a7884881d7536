package dev.ebpfmon.module.socket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** target/native/ebpfmon-netpeer: one end of a known exchange, in a namespace, under a name. */
final class NetPeer implements AutoCloseable {
    static final Path BINARY = Path.of("target/native/ebpfmon-netpeer");

    private final Process process;
    private final BufferedReader out;

    private NetPeer(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts a peer; a server is returned once it listens. */
    static NetPeer start(String netns, String name, String role, String address, String ports, long n, long chunks,
            long chunk) throws IOException {
        List<String> command = new ArrayList<>(List.of(BINARY.toAbsolutePath().toString(), "--netns", netns, "--name",
                name, role, address, ports, Long.toString(n), Long.toString(chunks), Long.toString(chunk)));
        NetPeer peer = new NetPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
        if (role.endsWith("-serve")) {
            String line = peer.out.readLine();
            if (!"ready".equals(line)) {
                peer.close();
                throw new IllegalStateException(String.join(" ", command) + " did not get ready: " + line);
            }
        }
        return peer;
    }

    int pid() {
        return (int) process.pid();
    }

    /** Waits for the end; fails with what the peer said when it did not exit with 0. */
    void await() throws IOException, InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("netpeer " + pid() + " did not finish");
        }
        String said = String.join("\n", out.lines().toList());
        if (process.exitValue() != 0) {
            throw new IllegalStateException("netpeer " + pid() + " failed (" + process.exitValue() + "): " + said);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
