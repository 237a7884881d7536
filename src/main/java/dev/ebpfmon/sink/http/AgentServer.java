package dev.ebpfmon.sink.http;

import com.sun.net.httpserver.HttpServer;
import dev.ebpfmon.chart.History;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The standalone agent's HTTP server: the JSON API, {@code /metrics}, and the dashboard's files. Built
 * on the JDK's own server with a small fixed pool of threads; requests that take too long to arrive
 * or to be read back are cut off, so slow clients cannot hold the pool.
 *
 * <p>Listens on {@code 127.0.0.1:19998} unless told otherwise. Changing a module needs the token
 * kept in the token file, which is created on first start, readable by its owner only.
 */
public final class AgentServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 19998;
    static final int THREADS = 4;
    /** Seconds a client may take to send its request line and headers. */
    static final long MAX_REQUEST_SECONDS = 5;
    /** Seconds a client may take to read a response. */
    static final long MAX_RESPONSE_SECONDS = 30;
    static final int MAX_CONNECTIONS = 256;

    static {
        // The JDK's server reads its limits once, from system properties; an operator's own
        // settings win.
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.maxRspTime", Long.toString(MAX_RESPONSE_SECONDS));
        setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
    }

    private final InetSocketAddress requested;
    private final Router router;
    private final Path tokenFile;
    private HttpServer server;
    private ExecutorService pool;

    /**
     * Reads or creates the token file; does not listen yet.
     *
     * @param address   where to listen; {@link #defaultAddress()} unless the user asked otherwise
     * @param tokenFile the API token; created with mode 0600 (parents 0700) when missing
     * @throws TokenFileException when the token file cannot be created, read, or is open to others
     */
    public AgentServer(InetSocketAddress address, AgentInfo agent, History history, MetricsEndpoint metrics,
            StatusSource status, ModuleControl control, Path tokenFile) throws TokenFileException {
        this(address, agent, history, metrics, status, control, tokenFile, "web/");
    }

    /** @param webRoot the classpath folder of the dashboard; tests bring their own */
    AgentServer(InetSocketAddress address, AgentInfo agent, History history, MetricsEndpoint metrics,
            StatusSource status, ModuleControl control, Path tokenFile, String webRoot) throws TokenFileException {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot listen on unresolved address " + address.getHostString());
        }
        this.requested = address;
        this.tokenFile = tokenFile;
        this.router = new Router(agent, history, metrics, status, control, ApiToken.loadOrCreate(tokenFile),
                new HostCheck(address.getAddress().isLoopbackAddress()), webRoot);
    }

    /** {@code 127.0.0.1:19998}: reachable from this machine only. */
    public static InetSocketAddress defaultAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);
    }

    /**
     * Binds and starts serving.
     *
     * @throws AddressInUseException when something else listens on the address
     * @throws IOException           when binding fails otherwise (no such local address, ...)
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the server is already started");
        }
        HttpServer created;
        try {
            created = HttpServer.create(requested, 0);
        } catch (BindException e) {
            if (e.getMessage() != null && e.getMessage().contains("in use")) {
                throw new AddressInUseException(requested, e);
            }
            throw new IOException("cannot listen on " + HostPort.format(requested) + ": " + e.getMessage(), e);
        }
        pool = Executors.newFixedThreadPool(THREADS, threads());
        created.setExecutor(pool);
        created.createContext("/", router);
        created.start();
        server = created;
    }

    /** Where the server listens; with port 0 requested, the port the system chose. */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("the server is not started");
        }
        return server.getAddress();
    }

    public Path tokenFile() {
        return tokenFile;
    }

    /** Stops listening at once and lets requests in progress finish for up to a second. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "ebpfmon-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
