package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ebpfmon as the ebpf.plugin of a real Netdata agent (Debian's netdata package, installed by
 * `make test` through mk/netdata.mk). The agent is private: its own config, plugin, cache and log
 * directories in a temporary tree, listening on a free port of 127.0.0.1, with every other
 * collector off. The plugin is installed by `make install-netdata-plugin-prebuilt` into that tree
 * (the system's Netdata, if one runs, never sees it) and reached only through Netdata's HTTP API.
 */
@Tag("kernel")
class NetdataAgentIT {
    private static final Path NETDATA = Path.of("/usr/sbin/netdata");
    private static final Path WORKLOAD = Path.of("target/native/ebpfmon-workload").toAbsolutePath();
    private static final String ORIGINAL_PLUGIN = "#!/bin/sh\necho DISABLE\n";
    private static final long MIB = 1024 * 1024;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);

    @Test
    void netdataChartsWhatEbpfmonCollectsAndRestartsItWhenItExits() throws Exception {
        assertThat(NETDATA).as("Debian's netdata package; `make test` installs it (mk/netdata.mk)").isExecutable();
        java.util.Set<Integer> programsBefore = AgentIT.ourPrograms().keySet();
        Path root = Files.createTempDirectory(Path.of("/var/tmp"), "ebpfmon-netdata-it");
        Tree tree = Tree.create(root, freePort());
        Process netdata = null;
        boolean uninstalled = false;
        try {
            String netdataConf = Files.readString(tree.netdataConf());
            assertThat(make(tree, "install-netdata-plugin-prebuilt")).isZero();
            assertThat(Files.readString(tree.netdataConf())).contains("\tebpf = yes\n");
            Path plugin = tree.plugins().resolve("ebpf.plugin");
            assertThat((int) Files.getAttribute(plugin, "unix:mode") & 07777).isEqualTo(04750);
            assertThat(Files.readString(tree.plugins().resolve("ebpf.plugin.netdata-orig"))).isEqualTo(ORIGINAL_PLUGIN);
            // Netdata hands the plugin its config dirs; this value can only come from the user one.
            Files.writeString(tree.config().resolve("ebpf.d/process.conf"), "    update every = 2\n",
                    StandardOpenOption.APPEND);

            netdata = new ProcessBuilder(NETDATA.toString(), "-D", "-c", tree.netdataConf().toString(),
                    "-P", root.resolve("netdata.pid").toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("netdata.out").toFile()).start();
            Map<String, Object> charts = awaitCharts(tree, netdata);
            assertChartsAreOurs(charts);

            Map<String, Long> totals = runWorkloadAndAwait(tree, "loop-open:50000", "loop-write:50000",
                    "write:" + 32 * MIB, "fork:300");
            assertThat(totals).as("what the workload did, as Netdata stored it")
                    .hasEntrySatisfying("filesystem.file_descriptor/open", v -> assertThat(v).isGreaterThanOrEqualTo(50_000))
                    .hasEntrySatisfying("filesystem.file_descriptor/close", v -> assertThat(v).isGreaterThanOrEqualTo(50_000))
                    .hasEntrySatisfying("filesystem.vfs_io/write", v -> assertThat(v).isGreaterThanOrEqualTo(50_000))
                    .hasEntrySatisfying("filesystem.vfs_io_bytes/write", v -> assertThat(v).isGreaterThanOrEqualTo(32 * MIB))
                    .hasEntrySatisfying("system.process_thread/process", v -> assertThat(v).isGreaterThanOrEqualTo(300));

            // Netdata restarts a plugin that exits after having collected; SIGTERM is also what it
            // sends a plugin when Netdata itself stops.
            ProcessHandle first = awaitPlugin(tree, p -> true);
            first.destroy();
            ProcessHandle second = awaitPlugin(tree, p -> p.pid() != first.pid());
            assertThat(second.pid()).isNotEqualTo(first.pid());
            // Events count once the new plugin has attached and Netdata has its first value.
            long restarted = System.currentTimeMillis() / 1000;
            while (!totals(tree, "filesystem.file_descriptor", restarted, restarted, new LinkedHashMap<>())) {
                tick("the restarted plugin's first values");
            }
            Map<String, Long> afterRestart = runWorkloadAndAwait(tree, "loop-open:20000");
            assertThat(afterRestart.get("filesystem.file_descriptor/open")).as("after the restart")
                    .isGreaterThanOrEqualTo(20_000);

            stop(netdata);
            while (!ourJvms(tree).isEmpty()) {
                tick("Netdata to stop its plugin when it stops");
            }
            assertThat(make(tree, "uninstall-netdata-plugin")).isZero();
            uninstalled = true;
            assertThat(Files.readString(plugin)).isEqualTo(ORIGINAL_PLUGIN);
            assertThat(tree.plugins().resolve("ebpf.plugin.netdata-orig")).doesNotExist();
            assertThat(tree.config().resolve("ebpf.d.conf")).doesNotExist();
            assertThat(Files.readString(tree.netdataConf())).isEqualTo(netdataConf);
        } finally {
            if (netdata != null) {
                stop(netdata);
            }
            ourJvms(tree).forEach(ProcessHandle::destroyForcibly);
            if (!uninstalled) {
                make(tree, "uninstall-netdata-plugin");
            }
            deleteTree(root);
        }
        // only programs that appeared during the test count: others may belong to another run
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // freed asynchronously
        while (!newPrograms(programsBefore).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(newPrograms(programsBefore)).as("BPF programs left behind").isEmpty();
    }

    /** The private agent's directories, all below {@code root}. */
    record Tree(Path root, int port) {
        Path config() { return root.resolve("etc"); }
        Path plugins() { return root.resolve("plugins.d"); }
        Path lib() { return root.resolve("lib/ebpfmon"); }
        Path netdataConf() { return config().resolve("netdata.conf"); }
        String jar() { return lib().resolve("ebpfmon.jar").toString(); }

        static Tree create(Path root, int port) throws IOException, InterruptedException {
            Tree t = new Tree(root, port);
            Path var = root.resolve("var");
            for (Path dir : List.of(t.config(), t.plugins(), root.resolve("lib"), var.resolve("cache"),
                    var.resolve("lib"), var.resolve("log"))) {
                Files.createDirectories(dir);
            }
            // Netdata drops to user netdata: it must reach the plugin and own its state directories.
            for (Path dir : List.of(root, t.config(), t.plugins(), root.resolve("lib"), var)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            assertThat(new ProcessBuilder("chown", "-R", "netdata:netdata", var.toString()).start().waitFor())
                    .isZero();
            // stands for Netdata's own ebpf.plugin, which Debian's package does not ship
            Path original = t.plugins().resolve("ebpf.plugin");
            Files.writeString(original, ORIGINAL_PLUGIN);
            Files.setPosixFilePermissions(original, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createFile(t.config().resolve(".opt-out-from-anonymous-statistics"));
            Files.writeString(t.netdataConf(), """
                    [global]
                    \trun as user = netdata
                    \thostname = ebpfmon-it
                    [db]
                    \tmode = ram
                    \tupdate every = 1
                    [directories]
                    \tconfig = %1$s
                    \tplugins = %2$s
                    \tcache = %3$s/cache
                    \tlib = %3$s/lib
                    \tlog = %3$s/log
                    \thome = %3$s/lib
                    [logs]
                    \terror = %3$s/log/error.log
                    \taccess = none
                    \tdebug = none
                    [web]
                    \tbind to = 127.0.0.1:%4$d
                    [registry]
                    \tenabled = no
                    [health]
                    \tenabled = no
                    [ml]
                    \tenabled = no
                    [statsd]
                    \tenabled = no
                    [plugins]
                    \tenable running new plugins = no
                    \tebpf = no
                    \tproc = no
                    \tdiskspace = no
                    \tcgroups = no
                    \ttc = no
                    \tidlejitter = no
                    \ttimex = no
                    \tnetdata monitoring = no
                    """.formatted(t.config(), t.plugins(), var, port));
            return t;
        }
    }

    private static void assertChartsAreOurs(Map<String, Object> charts) {
        for (String id : List.of("filesystem.file_descriptor", "filesystem.vfs_io", "filesystem.vfs_io_bytes",
                "filesystem.vfs_open", "system.process_thread", "system.exit")) {
            assertThat(charts).as(id).containsKey(id);
            Map<?, ?> chart = (Map<?, ?>) charts.get(id);
            assertThat(chart.get("plugin")).as(id).isEqualTo("ebpf.plugin");
            assertThat(chart.get("context")).as(id).isEqualTo(id);
        }
        Map<?, ?> fd = (Map<?, ?>) charts.get("filesystem.file_descriptor");
        assertThat(fd.get("update_every")).isEqualTo(1L);
        assertThat(fd.get("units")).isEqualTo("calls/s");
        assertThat(((Map<?, ?>) charts.get("system.process_thread")).get("update_every"))
                .as("ebpf.d/process.conf of $NETDATA_USER_CONFIG_DIR").isEqualTo(2L);
    }

    private Map<String, Object> awaitCharts(Tree tree, Process netdata) throws Exception {
        while (true) {
            assertThat(netdata.isAlive()).as("netdata exited; see its log").isTrue();
            try {
                Map<?, ?> body = (Map<?, ?>) get(tree, "/api/v1/charts");
                @SuppressWarnings("unchecked")
                Map<String, Object> charts = (Map<String, Object>) body.get("charts");
                if (charts.containsKey("filesystem.file_descriptor") && charts.containsKey("system.process_thread")) {
                    return charts;
                }
            } catch (IOException notYetListening) {
                // Netdata opens its port a moment after it starts
            }
            tick("Netdata to chart ebpf.plugin's metrics");
        }
    }

    /**
     * Runs the workload, then polls Netdata until every chart's total since just before the
     * workload stops growing or the deadline comes. Totals are "chart/dimension" -> events, the
     * per-second rates Netdata stores multiplied back by their interval.
     */
    private Map<String, Long> runWorkloadAndAwait(Tree tree, String... ops) throws Exception {
        long after = System.currentTimeMillis() / 1000 - 2;
        Path dir = Files.createDirectories(tree.root().resolve("work"));
        List<String> command = new ArrayList<>(List.of(WORKLOAD.toString(), dir.toString()));
        command.addAll(List.of(ops));
        Process workload = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(workload.waitFor(30, TimeUnit.SECONDS)).as("workload finished").isTrue();
        assertThat(workload.exitValue()).isZero();
        long done = System.currentTimeMillis() / 1000;
        // every chart must have stored a point past the workload's end, at least 2 s interval
        Map<String, Long> totals = Map.of();
        for (boolean complete = false; !complete; ) {
            tick("Netdata to store the workload's seconds");
            totals = new LinkedHashMap<>();
            complete = true;
            for (String chart : List.of("filesystem.file_descriptor", "filesystem.vfs_io", "filesystem.vfs_io_bytes",
                    "system.process_thread")) {
                complete &= totals(tree, chart, after, done, totals);
            }
        }
        return totals;
    }

    /** Adds the chart's totals over [after, now]; true once Netdata has a point after {@code done}. */
    private boolean totals(Tree tree, String chart, long after, long done, Map<String, Long> into) throws Exception {
        HttpResponse<String> response = request(tree, "/api/v1/data?chart=" + chart + "&after=" + after
                + "&format=json&options=jsonwrap%7Cseconds%7Cunaligned%7Cabs");
        if (response.statusCode() == 404) {
            return false; // "No metrics where matched": Netdata has stored nothing after `after` yet
        }
        Map<?, ?> body = (Map<?, ?>) parse(response);
        long every = (Long) body.get("view_update_every");
        Map<?, ?> result = (Map<?, ?>) body.get("result");
        List<?> labels = (List<?>) result.get("labels");
        long newest = 0;
        for (Object row : (List<?>) result.get("data")) {
            List<?> values = (List<?>) row;
            newest = Math.max(newest, ((Number) values.get(0)).longValue());
            for (int i = 1; i < values.size(); i++) {
                if (values.get(i) instanceof Number n) {
                    into.merge(chart + "/" + labels.get(i), Math.round(n.doubleValue() * every), Long::sum);
                }
            }
        }
        return newest > done + every;
    }

    private ProcessHandle awaitPlugin(Tree tree, Predicate<ProcessHandle> wanted) throws InterruptedException {
        while (true) {
            List<ProcessHandle> found = ourJvms(tree).stream().filter(wanted).toList();
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            tick("Netdata to (re)start ebpf.plugin");
        }
    }

    /** JVMs running the jar installed into this tree, whoever started them. */
    private static List<ProcessHandle> ourJvms(Tree tree) {
        return ProcessHandle.allProcesses().filter(p -> p.isAlive()
                && p.info().commandLine().map(c -> c.contains(tree.jar())).orElse(false)).toList();
    }

    private void tick(String waitingFor) throws InterruptedException {
        assertThat(System.nanoTime()).as("waited 90 s for " + waitingFor).isLessThan(deadline);
        Thread.sleep(500);
    }

    private Object get(Tree tree, String path) throws IOException, InterruptedException {
        return parse(request(tree, path));
    }

    private HttpResponse<String> request(Tree tree, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tree.port() + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Object parse(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(200);
        try (JsonParser parser = new JsonFactory().createParser(response.body())) {
            parser.nextToken();
            return read(parser);
        }
    }

    /** JSON as maps, lists, strings, longs, doubles, booleans and nulls. */
    private static Object read(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, read(p));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected JSON token " + p.currentToken());
        };
    }

    private static int make(Tree tree, String target) throws IOException, InterruptedException {
        Process make = new ProcessBuilder("make", "-s", target, "NETDATA_PLUGINS_DIR=" + tree.plugins(),
                "NETDATA_CONFIG_DIR=" + tree.config(), "EBPFMON_LIB_DIR=" + tree.lib()).inheritIO().start();
        if (!make.waitFor(60, TimeUnit.SECONDS)) {
            make.destroyForcibly();
            throw new AssertionError("make " + target + " did not finish in 60 s");
        }
        return make.exitValue();
    }

    /** SIGTERM, as systemd would; Netdata then stops its plugins. */
    private static void stop(Process netdata) throws InterruptedException {
        netdata.destroy();
        if (!netdata.waitFor(20, TimeUnit.SECONDS)) {
            netdata.destroyForcibly();
            netdata.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static java.util.Set<Integer> newPrograms(java.util.Set<Integer> before) throws Exception {
        java.util.Set<Integer> now = new java.util.HashSet<>(AgentIT.ourPrograms().keySet());
        now.removeAll(before);
        return now;
    }
}
