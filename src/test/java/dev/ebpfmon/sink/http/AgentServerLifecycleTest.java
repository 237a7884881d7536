package dev.ebpfmon.sink.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebpfmon.chart.History;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentServerLifecycleTest {
    @TempDir
    Path dir;

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private AgentServer unstarted(InetSocketAddress address, Path token) throws IOException {
        return new AgentServer(address, new AgentInfo("t", "h", 1), new History(10), new MetricsEndpoint() {
            @Override
            public String contentType(String accept) {
                return "text/plain";
            }

            @Override
            public void write(java.io.OutputStream out, String accept) {}
        }, List::of, (m, e) -> {
            throw new IllegalArgumentException(m);
        }, token);
    }

    @Test
    void theTokenFileIsCreatedForItsOwnerOnly() throws Exception {
        try (TestAgent agent = new TestAgent(dir, loopback(0))) {
            assertThat(Files.getPosixFilePermissions(agent.tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(agent.tokenFile.getParent()))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(agent.token()).matches("[0-9a-f]{64}");
        }
        // A second start keeps the token.
        String first = Files.readString(dir.resolve("etc/ebpfmon/api.token"));
        try (TestAgent again = new TestAgent(dir, loopback(0))) {
            assertThat(Files.readString(again.tokenFile)).isEqualTo(first);
        }
    }

    @Test
    void anExistingTokenIsUsedAndAnOpenOneRefused() throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "my-own-secret\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        try (AgentServer server = unstarted(loopback(0), token)) {
            server.start();
            var client = java.net.http.HttpClient.newHttpClient();
            var uri = java.net.URI.create("http://127.0.0.1:" + server.address().getPort() + "/api/v1/modules/x?enabled=true");
            HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer my-own-secret")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404); // past the token check: the module is unknown
            client.close();
        }
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> unstarted(loopback(0), token))
                .isInstanceOf(TokenFileException.class)
                .hasMessage("the API token file " + token + " is accessible by group or others (mode rw-r--r--);"
                        + " run 'chmod 600 " + token + "' or delete it");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(token, "  \n");
        assertThatThrownBy(() -> unstarted(loopback(0), token))
                .isInstanceOf(TokenFileException.class).hasMessageContaining("must hold one token");
        Path directory = Files.createDirectory(dir.resolve("adir"));
        assertThatThrownBy(() -> unstarted(loopback(0), directory))
                .isInstanceOf(TokenFileException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void theDefaultAddressIsLoopbackOnly() throws Exception {
        assertThat(AgentServer.defaultAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 19998));
        try (TestAgent agent = new TestAgent(dir, new InetSocketAddress(AgentServer.defaultAddress().getAddress(), 0))) {
            InetSocketAddress bound = agent.server.address();
            assertThat(bound.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(agent.get("/api/v1/info").statusCode()).isEqualTo(200);
            Optional<InetAddress> outside = NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
            if (outside.isPresent()) {
                try (Socket s = new Socket()) {
                    assertThatThrownBy(() -> s.connect(new InetSocketAddress(outside.get(), bound.getPort()), 2000))
                            .as("connecting through " + outside.get()).isInstanceOf(ConnectException.class);
                }
            }
        }
    }

    @Test
    void ipv6LoopbackWorks() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (TestAgent agent = new TestAgent(dir, new InetSocketAddress(v6, 0))) {
            assertThat(agent.server.address().getAddress()).isInstanceOf(Inet6Address.class);
            HttpResponse<String> r = agent.get("/api/v1/info");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.request().uri().getHost()).isEqualTo("[::1]");
        }
    }

    @Test
    void aTakenPortIsOneClearSentence() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                AgentServer server = unstarted(loopback(taken.getLocalPort()), dir.resolve("token"))) {
            assertThatThrownBy(server::start)
                    .isInstanceOf(AddressInUseException.class)
                    .hasMessage("127.0.0.1:" + taken.getLocalPort() + " is already in use (another ebpfmon or Netdata agent?)");
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("::1"));
                AgentServer server = unstarted(new InetSocketAddress(InetAddress.getByName("::1"), taken.getLocalPort()),
                        dir.resolve("token"))) {
            assertThatThrownBy(server::start)
                    .isInstanceOf(AddressInUseException.class)
                    .hasMessage("[::1]:" + taken.getLocalPort() + " is already in use (another ebpfmon or Netdata agent?)");
        }
    }

    @Test
    void slowClientsAreCutOffAndDoNotHoldTheServer() throws Exception {
        try (TestAgent agent = new TestAgent(dir, loopback(0))) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < AgentServer.THREADS + 2; i++) {
                    Socket s = new Socket();
                    s.connect(agent.server.address(), 2000);
                    s.setSoTimeout((int) (AgentServer.MAX_REQUEST_SECONDS + 10) * 1000);
                    // Half a request line, then nothing: each one holds a server thread reading it.
                    s.getOutputStream().write("GET /api/v1/in".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    slow.add(s);
                }
                long started = System.nanoTime();
                HttpResponse<String> r = agent.get("/api/v1/info");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat((System.nanoTime() - started) / 1e9).isLessThan(AgentServer.MAX_REQUEST_SECONDS + 5);
                for (Socket s : slow) {
                    assertThat(closedByServer(s)).as("server closed the slow connection").isTrue();
                }
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    /** An end of stream or a reset; not a timeout, which would mean the server still holds it. */
    private static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return e.getMessage().contains("reset");
        }
    }

    @Test
    void manyClientsAtOnceWhileTheHistoryGrows() throws Exception {
        try (TestAgent agent = new TestAgent(dir, loopback(0))) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    String path = i % 2 == 0 ? "/api/v1/data?chart=filesystem.vfs_io&after=-60" : "/api/v1/charts";
                    answers.add(clients.submit(() -> agent.get(path).statusCode()));
                }
                // The one writer, as the tick loop would be.
                for (long t = TestAgent.START + 10; t < TestAgent.START + 400; t++) {
                    long n = t - TestAgent.START;
                    agent.history.record(t, List.of(dev.ebpfmon.chart.Sample.of(TestAgent.VFS, 10 * n, 4 * n)));
                }
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(agent.get("/api/v1/data?chart=filesystem.vfs_io&after=-2").body())
                    .endsWith("[[" + (TestAgent.START + 398) + ",10.0,-4.0],[" + (TestAgent.START + 399) + ",10.0,-4.0]]}");
        }
    }

    @Test
    void closingStopsListening() throws Exception {
        InetSocketAddress address;
        try (TestAgent agent = new TestAgent(dir, loopback(0))) {
            address = agent.server.address();
        }
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(address, 2000)).isInstanceOf(ConnectException.class);
        }
    }
}
