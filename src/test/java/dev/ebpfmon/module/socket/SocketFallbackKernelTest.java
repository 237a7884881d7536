package dev.ebpfmon.module.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.config.CoreTracing;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.KernelTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The way a kernel without the socket-layer tracepoints (before 6.3) is served when only
 * tracepoints may be used: the results of sendto/recvfrom/sendmsg/recvmsg through the shared
 * syscall dispatcher. Run here by telling the module that this kernel lacks the tracepoints: the
 * scenario's workload must count exactly as it does on the tracepoints.
 */
@Tag("kernel")
class SocketFallbackKernelTest {

    /** This kernel, as if it had no sock:sock_send_length or sock:sock_recv_length. */
    private static KernelSymbols withoutSendReceiveTracepoints() {
        KernelSymbols real = KernelSymbols.system();
        return new KernelSymbols() {
            @Override
            public boolean hasFunction(String name) {
                return real.hasFunction(name);
            }

            @Override
            public boolean hasTracepoint(String category, String event) {
                return !event.startsWith("sock_") && real.hasTracepoint(category, event);
            }

            @Override
            public Optional<String> whyNoTrampoline(String function) {
                return real.whyNoTrampoline(function);
            }

            @Override
            public Optional<String> whyNoKprobe(String function) {
                return real.whyNoKprobe(function);
            }
        };
    }

    @ParameterizedTest
    @EnumSource(LoadMode.class)
    void theSyscallDispatcherCountsTheScenarioExactly(LoadMode mode, @TempDir Path dir) throws Exception {
        var settings = KernelTests.settings("socket").withGroups(true, false).withLoadMode(mode)
                .withCoreTracing(CoreTracing.TRACEPOINT);
        try (SocketKernel socket = new SocketKernel(null, false, withoutSendReceiveTracepoints(), settings)) {
            assertThat(socket.how()).contains("sys_exit").doesNotContain("sock_send_length");
            SocketScenario scenario = new SocketScenario();
            List<String> command = new ArrayList<>(List.of(Path.of("target/native/ebpfmon-workload").toAbsolutePath()
                    .toString(), "--stop", dir.toString()));
            command.addAll(scenario.ops());
            Process workload = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                Path stat = Path.of("/proc", Long.toString(workload.pid()), "stat");
                while (!Files.readString(stat).matches("(?s).*\\) T .*")) {
                    Thread.sleep(2);
                }
                long[] before = socket.counters((int) workload.pid());
                new ProcessBuilder("kill", "-CONT", Long.toString(workload.pid())).start().waitFor();
                assertThat(workload.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(workload.exitValue()).as(new String(workload.getInputStream().readAllBytes())).isZero();
                long[] after = socket.counters((int) workload.pid());
                long[] delta = new long[after.length];
                for (int i = 0; i < delta.length; i++) {
                    delta[i] = after[i] - before[i];
                }
                assertThat(delta).containsExactly(scenario.expected(mode));
            } finally {
                workload.destroyForcibly();
            }
        }
    }
}
