package dev.ebpfmon.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kernel")
class BpfMapTest {
    private final Arena arena = Arena.ofAuto();

    @Test
    void updateLookupDeleteOnAnLruHash() throws BpfException {
        try (BpfObject obj = loaded()) {
            BpfMap pids = obj.map("pids").orElseThrow();
            MemorySegment key = u32(1234);
            MemorySegment value = arena.allocate(16, 8);
            assertThat(pids.lookup(key, value)).isFalse();

            value.set(JAVA_LONG, 0, 5);
            value.set(JAVA_LONG, 8, 500);
            pids.update(key, value, BpfMap.BPF_NOEXIST);
            MemorySegment read = arena.allocate(16, 8);
            assertThat(pids.lookup(key, read)).isTrue();
            assertThat(read.get(JAVA_LONG, 0)).isEqualTo(5);
            assertThat(read.get(JAVA_LONG, 8)).isEqualTo(500);
            assertThatThrownBy(() -> pids.update(key, value, BpfMap.BPF_NOEXIST))
                    .isInstanceOfSatisfying(BpfException.class, e -> assertThat(e.errnoName()).isEqualTo("EEXIST"));

            MemorySegment next = arena.allocate(JAVA_INT);
            assertThat(pids.nextKey(null, next)).isTrue();
            assertThat(next.get(JAVA_INT, 0)).isEqualTo(1234);
            assertThat(pids.nextKey(next, next)).isFalse();

            assertThat(pids.delete(key)).isTrue();
            assertThat(pids.delete(key)).isFalse();
            assertThat(pids.lookup(key, read)).isFalse();
        }
    }

    @Test
    void theProgramsWritesAreVisibleThroughTheMaps() throws BpfException {
        try (BpfObject obj = loaded()) {
            BpfProgram prog = obj.program("copy_args").orElseThrow();
            prog.testRun(args(77, 10), 0);
            prog.testRun(args(77, 5), 0);
            prog.testRun(args(78, 1), 0);

            BpfMap pids = obj.map("pids").orElseThrow();
            MemorySegment value = arena.allocate(16, 8);
            assertThat(pids.lookup(u32(77), value)).isTrue();
            assertThat(value.get(JAVA_LONG, 0)).isEqualTo(2);
            assertThat(value.get(JAVA_LONG, 8)).isEqualTo(15);
            assertThat(pids.lookup(u32(78), value)).isTrue();
            assertThat(value.get(JAVA_LONG, 8)).isEqualTo(1);
        }
    }

    @Test
    void perCpuValuesHaveOneSlotPerPossibleCpuAndSum() throws BpfException {
        try (BpfObject obj = loaded()) {
            BpfMap percpu = obj.map("percpu").orElseThrow();
            int cpus = Bpf.possibleCpus();
            assertThat(percpu.perCpuValueStride()).isEqualTo(16);
            assertThat(percpu.valueBufferSize()).isEqualTo(16L * cpus);
            BpfProgram prog = obj.program("copy_args").orElseThrow();
            int online = Runtime.getRuntime().availableProcessors();
            for (int cpu = 0; cpu < Math.min(online, cpus); cpu++) {
                prog.testRunOnCpu(args(1, 100 + cpu), cpu);
            }

            MemorySegment values = arena.allocate(percpu.valueBufferSize(), 8);
            assertThat(percpu.lookup(u32(0), values)).isTrue();

            int ran = Math.min(online, cpus);
            long expectedBytes = 0;
            for (int cpu = 0; cpu < ran; cpu++) {
                assertThat(values.get(JAVA_LONG, cpu * 16L)).as("calls on cpu %d", cpu).isEqualTo(1);
                expectedBytes += 100 + cpu;
            }
            assertThat(percpu.sumPerCpu(values, 0)).isEqualTo(ran);
            assertThat(percpu.sumPerCpu(values, 8)).isEqualTo(expectedBytes);
        }
    }

    @Test
    void perCpuValuesWrittenFromJavaAreSummed() throws BpfException {
        try (BpfObject obj = loaded()) {
            BpfMap percpu = obj.map("percpu").orElseThrow();
            MemorySegment values = arena.allocate(percpu.valueBufferSize(), 8);
            for (int cpu = 0; cpu < Bpf.possibleCpus(); cpu++) {
                values.set(JAVA_LONG, cpu * 16L, cpu + 1);
                values.set(JAVA_LONG, cpu * 16L + 8, 1000);
            }
            percpu.update(u32(3), values, BpfMap.BPF_ANY);
            MemorySegment read = arena.allocate(percpu.valueBufferSize(), 8);
            assertThat(percpu.lookup(u32(3), read)).isTrue();
            int n = Bpf.possibleCpus();
            assertThat(percpu.sumPerCpu(read, 0)).isEqualTo((long) n * (n + 1) / 2);
            assertThat(percpu.sumPerCpu(read, 8)).isEqualTo(1000L * n);
        }
    }

    @Test
    void buffersTooSmallForThePerCpuValueAreRefused() throws BpfException {
        try (BpfObject obj = loaded()) {
            BpfMap percpu = obj.map("percpu").orElseThrow();
            MemorySegment oneCpu = arena.allocate(16, 8);
            assertThatThrownBy(() -> percpu.lookup(u32(0), oneCpu))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percpu");
            assertThatThrownBy(() -> percpu.lookup(MemorySegment.ofArray(new byte[4]), arena.allocate(4096)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("native");
        }
    }

    @Test
    void setMaxEntriesChangesTheKernelCapacity() throws BpfException, IOException {
        try (BpfObject obj = TestObjects.open("maps_test")) {
            BpfMap results = obj.map("results").orElseThrow();
            BpfMap pids = obj.map("pids").orElseThrow();
            results.setMaxEntries(16);
            pids.setMaxEntries(32768);
            obj.load();

            assertThat(results.maxEntries()).isEqualTo(16);
            assertThat(fdinfo(pids.fd())).contains("max_entries:\t32768");
            MemorySegment value = arena.allocate(JAVA_LONG);
            assertThat(results.lookup(u32(15), value)).isTrue();
            assertThat(results.lookup(u32(16), value)).isFalse();
            assertThatThrownBy(() -> results.setMaxEntries(32)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void reuseFdOfSharesOneMapBetweenTwoObjects() throws BpfException {
        try (BpfObject owner = loaded(); BpfObject user = TestObjects.open("maps_test")) {
            BpfMap shared = owner.map("results").orElseThrow();
            user.setGlobal("target_tgid", 99);
            user.map("results").orElseThrow().reuseFdOf(shared);
            user.load();

            assertThat(mapId(user.map("results").orElseThrow().fd())).isEqualTo(mapId(shared.fd()));
            user.program("copy_args").orElseThrow().testRun(args(5, 6), 0);

            MemorySegment value = arena.allocate(JAVA_LONG);
            assertThat(shared.lookup(u32(0), value)).isTrue();
            assertThat(value.get(JAVA_LONG, 0)).isEqualTo(99);
            // the other maps stay apart
            assertThat(owner.map("pids").orElseThrow().lookup(u32(5), arena.allocate(16, 8))).isFalse();
            assertThat(user.map("pids").orElseThrow().lookup(u32(5), arena.allocate(16, 8))).isTrue();
        }
    }

    @Test
    void reuseFdOfAnIncompatibleMapIsRefused() throws BpfException {
        try (BpfObject owner = loaded(); BpfObject user = TestObjects.open("maps_test")) {
            BpfMap results = user.map("results").orElseThrow();
            BpfMap pids = owner.map("pids").orElseThrow();

            assertThatThrownBy(() -> results.reuseFdOf(pids))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LRU_HASH");
            assertThat(results.type()).isEqualTo(MapType.ARRAY);
            user.load();
            assertThat(mapId(results.fd())).isNotEqualTo(mapId(pids.fd()));
        }
    }

    private BpfObject loaded() throws BpfException {
        BpfObject obj = TestObjects.open("maps_test");
        try {
            obj.load();
            return obj;
        } catch (BpfException | RuntimeException e) {
            obj.close();
            throw e;
        }
    }

    private MemorySegment u32(int value) {
        MemorySegment key = arena.allocate(JAVA_INT);
        key.set(JAVA_INT, 0, value);
        return key;
    }

    private MemorySegment args(long arg0, long arg1) {
        MemorySegment ctx = arena.allocate(JAVA_LONG, 2);
        ctx.setAtIndex(JAVA_LONG, 0, arg0);
        ctx.setAtIndex(JAVA_LONG, 1, arg1);
        return ctx;
    }

    private static String mapId(int fd) {
        try {
            return fdinfo(fd).lines().filter(l -> l.startsWith("map_id:")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String fdinfo(int fd) throws IOException {
        return Files.readString(Path.of("/proc/self/fdinfo/" + fd));
    }
}
