package dev.ebpfmon.module.socket;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Names of remote addresses for {@code resolve hostnames = yes}, looked up on a thread of their
 * own so that a slow or absent DNS never holds a tick: the first question about an address
 * queues its lookup and is told "not yet"; later ones get the answer. Answers are kept (at most
 * {@value #MAX_CACHED}, then forgotten all at once); at most {@value #MAX_PENDING} lookups wait.
 */
final class HostnameResolver implements AutoCloseable {
    static final int MAX_CACHED = 8192;
    static final int MAX_PENDING = 256;

    /** A lookup's state: {@code done} with a name or none, or still under way. */
    record Answer(boolean done, Optional<String> name) {
        static final Answer PENDING = new Answer(false, Optional.empty());
    }

    private final Function<byte[], Optional<String>> lookup;
    private final Map<String, Optional<String>> answers = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("ebpfmon-resolver").factory());

    /** @param lookup an address's name, or empty when it has none (blocking is fine: it runs on the thread) */
    HostnameResolver(Function<byte[], Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Reverse DNS through the system's resolver (nsswitch: /etc/hosts, DNS, ...). */
    static HostnameResolver system() {
        return new HostnameResolver(HostnameResolver::reverse);
    }

    Answer nameOf(byte[] address) {
        String key = Addresses.text(address);
        Optional<String> known = answers.get(key);
        if (known != null) {
            return new Answer(true, known);
        }
        if (pending.size() < MAX_PENDING && pending.add(key)) {
            byte[] copy = address.clone();
            thread.execute(() -> {
                Optional<String> name;
                try {
                    name = lookup.apply(copy);
                } catch (RuntimeException e) {
                    name = Optional.empty();
                }
                if (answers.size() >= MAX_CACHED) {
                    answers.clear();
                }
                answers.put(key, name);
                pending.remove(key);
            });
        }
        return Answer.PENDING;
    }

    private static Optional<String> reverse(byte[] address) {
        try {
            InetAddress a = InetAddress.getByAddress(address);
            String name = a.getCanonicalHostName();
            return name.equals(a.getHostAddress()) ? Optional.empty() : Optional.of(name);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
