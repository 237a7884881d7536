package dev.ebpfmon.leakgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeakReportTest {
    private static final long SELF = 100;
    private static final Set<String> OURS = Set.of("sys_enter_btf", "fork_btf");
    private static final Map<Integer, String> SYSTEMD = Map.of(1, "sd_devices", 2, "sd_fw_egress");

    @Test
    void handlesThatWereOpenBeforeTheClassAreNotItsLeaks() {
        BpfState before = new BpfState(List.of(prog(10, 5), map(11, 6)), Map.of(5, "sys_enter_btf"));

        assertThat(leaks(before, before, Map.of())).isEmpty();
    }

    @Test
    void namesEveryProgramMapLinkAndPerfEventTheJvmOpenedAndKept() {
        BpfState before = new BpfState(List.of(prog(10, 5)), Map.of(5, "sys_enter_btf"));
        BpfState after = new BpfState(List.of(prog(10, 5), prog(12, 7), map(13, 8),
                new BpfFd(SELF, 14, "bpf-link", 9, 7), new BpfFd(SELF, 15, "perf-event", 0, 0),
                new BpfFd(SELF, 16, "bpf-stats", 0, 0)),
                Map.of(5, "sys_enter_btf", 7, "fork_btf"));

        assertThat(leaks(before, after, Map.of())).containsExactly(
                "bpf-prog fork_btf id=7 (fd 12)",
                "bpf-map counters id=8 (fd 13)",
                "bpf-link id=9 running fork_btf id=7 (fd 14)",
                "perf-event (fd 15), a tracepoint or kprobe attachment",
                "bpf-stats (fd 16), run-time statistics left on for every program");
    }

    @Test
    void anFdReopenedOnTheSameObjectIsNotALeakButAnotherPerfEventIs() {
        BpfState before = new BpfState(List.of(prog(10, 5), new BpfFd(SELF, 20, "perf-event", 0, 0)), Map.of());
        BpfState after = new BpfState(List.of(prog(11, 5), new BpfFd(SELF, 20, "perf-event", 0, 0),
                new BpfFd(SELF, 21, "perf-event", 0, 0)), Map.of());

        assertThat(leaks(before, after, Map.of())).containsExactly(
                "perf-event (fd 21), a tracepoint or kprobe attachment");
    }

    @Test
    void ourProgramsLoadedDuringTheClassAndHeldByAProcessItStartedAreLeaks() {
        BpfState before = new BpfState(List.of(), SYSTEMD);
        BpfState after = new BpfState(List.of(), Map.of(1, "sd_devices", 2, "sd_fw_egress", 30, "sys_enter_btf",
                31, "fork_btf", 32, "sd_devices"));
        Map<Long, List<BpfFd>> children = Map.of(4242L, List.of(new BpfFd(4242, 3, "bpf-prog", 30, 30),
                new BpfFd(4242, 4, "bpf-link", 40, 30), new BpfFd(4242, 5, "bpf-link", 41, 31),
                new BpfFd(4242, 6, "bpf-prog", 32, 32), new BpfFd(4242, 7, "bpf-prog", 2, 2)));

        assertThat(leaks(before, after, children)).containsExactly(
                "bpf-prog sys_enter_btf id=30 held by pid 4242 (bin/ebpfmon), a process this JVM started",
                "bpf-prog fork_btf id=31 held by pid 4242 (bin/ebpfmon), a process this JVM started");
    }

    @Test
    void ourProgramsHeldOnlyByOtherProcessesAreNotTheClasss() {
        BpfState before = new BpfState(List.of(), Map.of());
        BpfState after = new BpfState(List.of(), Map.of(30, "sys_enter_btf"));

        assertThat(leaks(before, after, Map.of())).isEmpty();
        assertThat(leaks(before, after, Map.of(4242L, List.of(map(3, 9))))).isEmpty();
    }

    @Test
    void looksUpOtherProcessesOnlyWhenAProgramAppearedAndOurNamesOnlyWhenOneOfThemHoldsIt() {
        BpfState before = new BpfState(List.of(prog(10, 5)), SYSTEMD);
        BpfState loaded = new BpfState(List.of(prog(10, 5)), Map.of(1, "sd_devices", 2, "sd_fw_egress", 30, "x"));

        assertThat(LeakReport.leaks(before, before, new Strict(null))).isEmpty();
        assertThat(LeakReport.leaks(before, loaded, new Strict(Map.of(4242L, List.of(map(3, 9)))))).isEmpty();
    }

    /** Lookups that fail when the report asks what it should not need; descendants null = must not ask. */
    private record Strict(Map<Long, List<BpfFd>> descendants) implements LeakReport.Lookups {
        @Override
        public Set<String> ourNames() {
            throw new AssertionError("our names looked up");
        }

        @Override
        public Map<Long, List<BpfFd>> descendantFds() {
            if (descendants == null) {
                throw new AssertionError("processes scanned");
            }
            return descendants;
        }

        @Override
        public String command(long pid) {
            throw new AssertionError("command looked up");
        }

        @Override
        public String nameOf(BpfFd fd) {
            throw new AssertionError("fd looked up");
        }
    }

    private static List<String> leaks(BpfState before, BpfState after, Map<Long, List<BpfFd>> children) {
        return LeakReport.leaks(before, after, new LeakReport.Lookups() {
            @Override
            public Set<String> ourNames() {
                return OURS;
            }

            @Override
            public Map<Long, List<BpfFd>> descendantFds() {
                return children;
            }

            @Override
            public String command(long pid) {
                return pid == 4242 ? "bin/ebpfmon" : "?";
            }

            @Override
            public String nameOf(BpfFd fd) {
                return fd.kind().equals("bpf-map") ? "counters" : after.programs().get(fd.id());
            }
        });
    }

    private static BpfFd prog(int fd, int id) {
        return new BpfFd(SELF, fd, "bpf-prog", id, id);
    }

    private static BpfFd map(int fd, int id) {
        return new BpfFd(SELF, fd, "bpf-map", id, 0);
    }
}
