package dev.ebpfmon.leakgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The leak gate fires on deliberately leaking test classes (LeakingFixtures), and only on those. */
@Tag("kernel")
class BpfLeakGateKernelTest {
    @AfterEach
    void closeWhatTheFixturesLeft() throws Exception {
        LeakingFixtures.closeAll();
    }

    @Test
    void failsAClassThatLeavesAProgramAttachedAndNamesEveryHandle() {
        EngineExecutionResults results = run(LeakingFixtures.AttachesAndForgets.class);

        AttachedTestProgram leaked = (AttachedTestProgram) LeakingFixtures.LEFT_OPEN.getFirst();
        List<BpfFd> own = BpfFd.of(ProcessHandle.current().pid());
        BpfFd program = own.stream().filter(f -> f.fd() == leaked.programFd()).findFirst().orElseThrow();
        BpfFd map = own.stream().filter(f -> f.fd() == leaked.mapFd()).findFirst().orElseThrow();
        BpfFd link = own.stream().filter(f -> f.kind().equals("bpf-link") && f.progId() == program.id())
                .findFirst().orElseThrow();
        assertThat(leakLines(results)).containsExactlyInAnyOrder(
                "bpf-prog on_sys_enter id=" + program.id() + " (fd " + program.fd() + ")",
                "bpf-map hits id=" + map.id() + " (fd " + map.fd() + ")",
                "bpf-link id=" + link.id() + " running on_sys_enter id=" + program.id() + " (fd " + link.fd() + ")");
        assertThat(results.testEvents().succeeded().count()).as("the fixture's own test passed").isEqualTo(1);
    }

    @Test
    void passesAClassThatClosesWhatItOpened() {
        EngineExecutionResults results = run(LeakingFixtures.AttachesAndCloses.class);

        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
    }

    @Test
    void failsAClassWhoseChildProcessStillHoldsOneOfOurPrograms() {
        EngineExecutionResults results = run(LeakingFixtures.StartsAChildThatHoldsAProgram.class);

        ChildHolder child = (ChildHolder) LeakingFixtures.LEFT_OPEN.getFirst();
        BpfFd program = heldProgram(child.pid());
        assertThat(leakLines(results)).containsExactly("bpf-prog on_sys_enter id=" + program.id() + " held by pid "
                + child.pid() + " (java ... " + child.dir().resolve("attached") + "), a process this JVM started");
    }

    @Test
    void ignoresOurProgramsHeldByProcessesThisJvmDidNotStart() {
        EngineExecutionResults results = run(LeakingFixtures.StartsAnUnrelatedProcessThatHoldsAProgram.class);

        ChildHolder unrelated = (ChildHolder) LeakingFixtures.LEFT_OPEN.getFirst();
        assertThat(heldProgram(unrelated.pid()).id()).as("the unrelated process holds our program").isPositive();
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).doesNotContain(unrelated.pid());
        results.containerEvents().assertStatistics(stats -> stats.failed(0));
    }

    @Test
    void fixturesDoNotRunOutsideThisTest() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(LeakingFixtures.AttachesAndForgets.class)).execute();

        results.containerEvents().assertStatistics(stats -> stats.skipped(1).failed(0));
        assertThat(LeakingFixtures.LEFT_OPEN).isEmpty();
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(FixtureSwitch.PARAMETER, "run")
                .configurationParameter(BpfLeakGate.GRACE_PARAMETER, "200")
                .selectors(selectClass(fixture))
                .execute();
    }

    /** The lines of the gate's message that name a leaked handle. */
    private static List<String> leakLines(EngineExecutionResults results) {
        Throwable failure = results.containerEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError("the leak gate did not fail the fixture class"));
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageStartingWith("BPF handles left open by ");
        String[] lines = failure.getMessage().split("\n");
        return Arrays.stream(lines, 1, lines.length).map(String::strip).toList();
    }

    private static BpfFd heldProgram(long pid) {
        return BpfFd.of(pid).stream()
                .filter(f -> f.kind().equals("bpf-prog") && KernelBpf.loadedPrograms().get(f.id()) != null
                        && KernelBpf.loadedPrograms().get(f.id()).equals(AttachedTestProgram.PROGRAM))
                .findFirst().orElseThrow(() -> new AssertionError("pid " + pid + " holds no on_sys_enter"));
    }
}
