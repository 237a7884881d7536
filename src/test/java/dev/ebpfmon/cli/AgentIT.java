package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged agent, run as users run it: through bin/ebpfmon, as root, on this kernel. */
@Tag("kernel")
class AgentIT {
    private static final Path LAUNCHER = Path.of("bin/ebpfmon").toAbsolutePath();
    /** ebpfmon's shipped defaults, so that a Netdata installed on the machine does not change the test */
    static final String DEFAULTS = Path.of("src/main/resources/config").toAbsolutePath().toString();

    record Result(int exit, String out, String err) {}

    static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ebpfmon-out", ".txt");
        Path err = Files.createTempFile("ebpfmon-err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s; stderr:\n"
                        + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static List<String> ebpfmon(String... args) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void checkSaysHowEachModuleRunsAndWhyOtherKindsDoNot() throws Exception {
        Result r = run(ebpfmon("check", "--config-dir", DEFAULTS), 120);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^  process +runs +tracepoint tp_btf: sched_process_fork")
                .containsPattern("(?m)^  fd +runs +tracepoint tp_btf: sys_enter")
                .containsPattern("(?m)^  vfs +runs +tracepoint tp_btf: sys_enter \\(shared\\)")
                .containsPattern("(?m)^  fentry/fexit +no +load refused: .*Operation not permitted")
                .containsPattern("(?m)^  kprobe/kretprobe +no +attach failed: ")
                .containsPattern("(?m)^  tp_btf +yes")
                .containsPattern("(?m)^  cachestat +off")
                .containsPattern("(?m)^  BTF ");
    }

    @Test
    void strictCheckFailsWhenAnEnabledModuleCannotRun(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve("ebpf.d.conf"), """
                [global]
                    update every = fast
                [ebpf programs]
                    dcstat = yes
                """);
        // dcstat has kernel functions only: our machines have neither kprobes nor trampolines
        Result r = run(ebpfmon("check", "--strict", "--config-dir", config.toString()), 120);
        assertThat(r.exit()).isEqualTo(ExitCodes.STRICT_FAILED);
        assertThat(r.out()).containsPattern("(?m)^  dcstat +cannot run +.*no usable variant");
        assertThat(r.err()).contains(config.resolve("ebpf.d.conf") + ":2: key 'update every'");
    }

    @Test
    void netdataPluginSpeaksThePluginsdProtocolUnderItsNetdataName(@TempDir Path dir) throws Exception {
        Path plugin = dir.resolve("ebpf.plugin");
        Files.createSymbolicLink(plugin, LAUNCHER);
        Result r = run(List.of(plugin.toString(), "1", "--ticks", "3", "--config-dir", DEFAULTS), 120);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("(?m)^CHART filesystem\\.file_descriptor ")
                .containsPattern("(?m)^CHART filesystem\\.vfs_io ")
                .containsPattern("(?m)^CHART system\\.process_thread ")
                .containsPattern("(?m)^BEGIN filesystem\\.file_descriptor \\d+$")
                .containsPattern("(?m)^SET \\S+ = \\d+$")
                .containsPattern("(?m)^END$")
                .doesNotContain("DISABLE");
    }

    @Test
    void withoutPrivilegesItSaysWhatIsNeededAndNetdataModeDisables() throws Exception {
        Result r = run(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                LAUNCHER.toString(), "netdata", "1"), 60);
        assertThat(r.exit()).isEqualTo(ExitCodes.NO_PRIVILEGE);
        assertThat(r.err()).contains("needs root");
        assertThat(r.out().strip()).isEqualTo("DISABLE");
    }

    @Test
    void killDashNineLeavesNothingAttached() throws Exception {
        // programs of other runs may be loaded (or still being freed): look only at the agent's own
        java.util.Set<Integer> before = ourPrograms().keySet();
        Path out = Files.createTempFile("ebpfmon-table", ".txt");
        Path token = Files.createTempDirectory("ebpfmon-token").resolve("token");
        Process agent = new ProcessBuilder(ebpfmon("--ticks", "120", "--config-dir", DEFAULTS, "--table",
                "--listen", "127.0.0.1:0", "--token-file", token.toString())).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("filesystem.file_descriptor") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(out)).contains("filesystem.file_descriptor");
            java.util.Map<Integer, String> agents = new java.util.HashMap<>(ourPrograms());
            agents.keySet().removeAll(before);
            assertThat(agents.values()).contains("sys_enter_btf", "fork_btf");
            // the launcher execs java, so this is the JVM itself
            new ProcessBuilder("kill", "-9", String.valueOf(agent.pid())).start().waitFor();
            agent.waitFor(10, TimeUnit.SECONDS);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ourPrograms().keySet().stream().anyMatch(agents::containsKey) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(ourPrograms().keySet()).as("after kill -9").doesNotContainAnyElementsOf(agents.keySet());
        } finally {
            agent.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }

    /** Loaded BPF programs that come from ebpfmon's objects, by program id. */
    static java.util.Map<Integer, String> ourPrograms() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bpftool", "prog", "list").redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        java.util.Set<String> names = java.util.Set.of("sys_enter_btf", "sys_exit_btf", "sys_enter_raw",
                "sys_exit_raw", "fork_btf", "exit_btf", "free_btf", "exec_btf", "probe_tp_btf");
        java.util.Map<Integer, String> programs = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(\\d+): \\S+ +name (\\S+)").matcher(listing);
        while (m.find()) {
            if (names.contains(m.group(2))) {
                programs.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        return programs;
    }
}
