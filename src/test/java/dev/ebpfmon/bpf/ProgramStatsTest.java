package dev.ebpfmon.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real BPF: run statistics switched on through BPF_ENABLE_STATS, and maps' kernel memory. */
@Tag("kernel")
class ProgramStatsTest {
    private static final Path SYSCTL = Path.of("/proc/sys/kernel/bpf_stats_enabled");

    @Test
    void statsCountRunsOnlyWhileEnabledAndLeaveTheSysctlAlone() throws Exception {
        String sysctlBefore = Files.readString(SYSCTL).strip();
        try (BpfObject obj = TestObjects.open("maps_test")) {
            obj.setGlobal("target_tgid", ProcessHandle.current().pid());
            obj.load();
            BpfProgram prog = obj.program("count_sys_enter").orElseThrow();
            try (BpfLink link = prog.attach()) {
                ProgramStats before = prog.stats();
                try (BpfStats stats = BpfStats.enable()) {
                    assertThat(stats.isOpen()).isTrue();
                    makeSyscalls();
                }
                ProgramStats during = prog.stats();
                // every syscall on the machine runs the program (the tgid filter is inside it)
                assertThat(during.runCount()).isGreaterThanOrEqualTo(before.runCount() + 200);
                assertThat(during.runTimeNanos()).isGreaterThan(before.runTimeNanos());
                assertThat(during.nanosPerRun()).isPositive();
                if (sysctlBefore.equals("0")) {
                    Thread.sleep(50); // runs already under way on the other CPU end
                    ProgramStats off = prog.stats();
                    makeSyscalls();
                    assertThat(prog.stats()).isEqualTo(off);
                }
            }
        }
        assertThat(Files.readString(SYSCTL).strip()).isEqualTo(sysctlBefore);
    }

    @Test
    void closingStatsTwiceIsHarmless() throws BpfException {
        BpfStats stats = BpfStats.enable();
        stats.close();
        stats.close();
        assertThat(stats.isOpen()).isFalse();
    }

    @Test
    void memlockGrowsWithCapacity() throws BpfException {
        long small;
        long large;
        try (BpfObject obj = TestObjects.open("maps_test")) {
            obj.map("pids").orElseThrow().setMaxEntries(16);
            obj.load();
            small = obj.map("pids").orElseThrow().memlockBytes();
        }
        try (BpfObject obj = TestObjects.open("maps_test")) {
            obj.map("pids").orElseThrow().setMaxEntries(65536);
            obj.load();
            large = obj.map("pids").orElseThrow().memlockBytes();
        }
        assertThat(small).isPositive();
        try (BpfObject owner = TestObjects.open("maps_test"); BpfObject user = TestObjects.open("maps_test")) {
            owner.load();
            user.map("pids").orElseThrow().reuseFdOf(owner.map("pids").orElseThrow());
            user.load();
            assertThat(user.map("pids").orElseThrow().kernelId()).isEqualTo(owner.map("pids").orElseThrow().kernelId())
                    .isNotEqualTo(user.map("percpu").orElseThrow().kernelId());
        }
        // key 4 + value 16 per entry at least, plus the element header
        assertThat(large).isGreaterThan(small + 65536L * 20);
    }

    @Test
    void memlockLineIsParsed() {
        Path source = Path.of("/proc/self/fdinfo/9");
        assertThat(BpfMap.fdinfoField(java.util.List.of("pos:\t0", "map_type:\t9", "memlock:\t1114112"), "memlock", source))
                .isEqualTo(1114112);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BpfMap.fdinfoField(java.util.List.of("pos:\t0"), "memlock", source))
                .hasMessageContaining("/proc/self/fdinfo/9 has no memlock");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BpfMap.fdinfoField(java.util.List.of("memlock: x"), "memlock", source))
                .hasMessageContaining("memlock is not a number: x");
    }

    private static void makeSyscalls() throws IOException {
        for (int i = 0; i < 100; i++) {
            Files.readString(SYSCTL);
        }
    }
}
