package dev.ebpfmon.leakgate;

import dev.ebpfmon.bpf.BpfException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test classes for BpfLeakGateKernelTest, which runs each through JUnit's EngineTestKit and closes
 * what they leave open. Surefire never picks them up (nested classes, no Test suffix) and
 * {@link FixtureSwitch} disables them anywhere else.
 */
final class LeakingFixtures {
    /** What the last fixture left open, in the order it opened them. */
    static final List<AutoCloseable> LEFT_OPEN = new CopyOnWriteArrayList<>();

    private LeakingFixtures() {}

    static void closeAll() throws Exception {
        for (AutoCloseable c : LEFT_OPEN.reversed()) {
            c.close();
        }
        LEFT_OPEN.clear();
    }

    @ExtendWith(FixtureSwitch.class)
    static class AttachesAndForgets {
        @Test
        void attachesAProgramAndKeepsItsHandles() throws BpfException {
            LEFT_OPEN.add(AttachedTestProgram.attach());
        }
    }

    @ExtendWith(FixtureSwitch.class)
    static class AttachesAndCloses {
        @Test
        void attachesAProgramAndClosesIt() throws BpfException {
            try (AttachedTestProgram attached = AttachedTestProgram.attach()) {
                attached.link(); // attached, then closed with the object
            }
        }
    }

    @ExtendWith(FixtureSwitch.class)
    static class StartsAChildThatHoldsAProgram {
        @Test
        void startsTheChildAndLeavesItRunning() throws IOException, InterruptedException {
            LEFT_OPEN.add(ChildHolder.start(false));
        }
    }

    @ExtendWith(FixtureSwitch.class)
    static class StartsAnUnrelatedProcessThatHoldsAProgram {
        @Test
        void startsAProcessThatIsNotThisJvmsDescendant() throws IOException, InterruptedException {
            LEFT_OPEN.add(ChildHolder.start(true));
        }
    }
}
