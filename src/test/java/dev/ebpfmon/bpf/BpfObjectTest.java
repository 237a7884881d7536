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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kernel")
class BpfObjectTest {
    private final Arena arena = Arena.ofAuto();

    @Test
    void libbpfIsAvailableAndKnowsTheCpus() {
        assertThat(Bpf.available()).isTrue();
        assertThat(Bpf.unavailableReason()).isEmpty();
        assertThat(Bpf.possibleCpus()).isEqualTo(possibleCpusFromSysfs());
    }

    @Test
    void listsProgramsAndMapsWithTheirDefinitions() throws BpfException {
        try (BpfObject obj = TestObjects.open("maps_test")) {
            assertThat(obj.programs()).extracting(BpfProgram::name).containsExactly("copy_args", "count_sys_enter");
            assertThat(obj.program("count_sys_enter").orElseThrow().sectionName()).isEqualTo("tp_btf/sys_enter");
            assertThat(obj.program("nope")).isEmpty();
            BpfMap pids = obj.map("pids").orElseThrow();
            assertThat(pids.type()).isEqualTo(MapType.LRU_HASH);
            assertThat(pids.keySize()).isEqualTo(4);
            assertThat(pids.valueSize()).isEqualTo(16);
            assertThat(pids.maxEntries()).isEqualTo(16384);
            assertThat(pids.isPerCpu()).isFalse();
            assertThat(obj.map("percpu").orElseThrow().type()).isEqualTo(MapType.PERCPU_ARRAY);
            assertThat(obj.map("percpu").orElseThrow().isPerCpu()).isTrue();
            assertThat(obj.map("results").orElseThrow().type()).isEqualTo(MapType.ARRAY);
            assertThat(obj.maps()).filteredOn(BpfMap::isInternal).extracting(BpfMap::name)
                    .singleElement().asString().endsWith(".rodata");
            assertThat(pids.fd()).isNegative();
        }
    }

    @Test
    void globalsSetBeforeLoadReachTheProgram() throws BpfException {
        try (BpfObject obj = TestObjects.open("maps_test")) {
            obj.setGlobal("target_tgid", 0xfedcba98L);
            obj.setGlobal("small", 200);
            obj.load();
            MemorySegment ctx = arena.allocate(JAVA_LONG, 2);
            ctx.setAtIndex(JAVA_LONG, 0, 4242);
            ctx.setAtIndex(JAVA_LONG, 1, 17);

            TestRun run = obj.program("copy_args").orElseThrow().testRun(ctx, 0);

            assertThat(run.retval()).isEqualTo(7);
            BpfMap results = obj.map("results").orElseThrow();
            assertThat(slot(results, 0)).isEqualTo(0xfedcba98L);
            assertThat(slot(results, 1)).isEqualTo(200);
            assertThat(slot(results, 2)).isEqualTo(4242);
            assertThat(slot(results, 3)).isEqualTo(17);
        }
    }

    @Test
    void globalsAreCheckedByNameSizeAndTime() throws BpfException {
        try (BpfObject obj = TestObjects.open("maps_test")) {
            assertThat(obj.hasGlobal("small")).isTrue();
            assertThat(obj.hasGlobal("no_such_var")).isFalse();
            assertThatThrownBy(() -> obj.setGlobal("no_such_var", 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_var");
            assertThatThrownBy(() -> obj.setGlobal("small", 256))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
            obj.setGlobal("small", -1); // 0xff: signed and unsigned spellings both fit
            obj.load();
            assertThatThrownBy(() -> obj.setGlobal("small", 1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already loaded");
            assertThatThrownBy(obj::load).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void attachedProgramCountsUntilTheLinkIsClosed() throws Exception {
        long linksBefore = TestObjects.fds("bpf_link");
        try (BpfObject obj = TestObjects.open("maps_test")) {
            obj.setGlobal("target_tgid", ProcessHandle.current().pid());
            obj.load();
            BpfMap results = obj.map("results").orElseThrow();
            BpfLink link = obj.program("count_sys_enter").orElseThrow().attach();
            assertThat(TestObjects.fds("bpf_link")).isEqualTo(linksBefore + 1);

            makeSyscalls();
            long first = slot(results, 4);
            makeSyscalls();
            long second = slot(results, 4);
            assertThat(first).isPositive();
            assertThat(second).isGreaterThanOrEqualTo(first + 100);

            link.close();
            link.close();
            assertThat(link.isClosed()).isTrue();
            assertThat(TestObjects.fds("bpf_link")).isEqualTo(linksBefore);
            Thread.sleep(50); // programs already running on other CPUs finish
            long afterClose = slot(results, 4);
            makeSyscalls();
            assertThat(slot(results, 4)).isEqualTo(afterClose);
        }
    }

    @Test
    void closingTheObjectReleasesItsProgramsAndMaps() throws BpfException {
        long progs = TestObjects.fds("bpf-prog");
        long maps = TestObjects.fds("bpf-map");
        BpfObject obj = TestObjects.open("maps_test");
        obj.load();
        MapReader reader = new MapReader(obj.map("pids").orElseThrow(), 16);
        assertThat(TestObjects.fds("bpf-prog")).isEqualTo(progs + 2);
        assertThat(TestObjects.fds("bpf-map")).isGreaterThanOrEqualTo(maps + 4); // 3 maps + .rodata

        obj.close();
        obj.close();

        assertThat(TestObjects.fds("bpf-prog")).isEqualTo(progs);
        assertThat(TestObjects.fds("bpf-map")).isEqualTo(maps);
        BpfMap results = obj.maps().getFirst();
        assertThatThrownBy(results::fd).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> reader.forEach((k, ko, v, vo) -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        reader.close();
        assertThatThrownBy(() -> obj.programs().getFirst().attach()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onceLibbpfsSideIsReleasedMapsAndProgramsWorkOnFdsOfTheirOwn() throws Exception {
        long progs = TestObjects.fds("bpf-prog");
        long maps = TestObjects.fds("bpf-map");
        BpfObject obj = TestObjects.open("maps_test");
        obj.setGlobal("target_tgid", ProcessHandle.current().pid());
        obj.load();
        BpfLink link = obj.program("count_sys_enter").orElseThrow().attach();
        long mapsLoaded = TestObjects.fds("bpf-map");

        obj.releaseLibbpf();
        obj.releaseLibbpf();

        assertThat(TestObjects.fds("bpf-prog")).as("libbpf's fds closed, ours open").isEqualTo(progs + 2);
        assertThat(TestObjects.fds("bpf-map")).isEqualTo(mapsLoaded);
        BpfMap pids = obj.map("pids").orElseThrow();
        assertThat(List.of(pids.type(), pids.keySize(), pids.valueSize(), pids.maxEntries()))
                .containsExactly(MapType.LRU_HASH, 4, 16, 16384);
        assertThat(obj.maps()).filteredOn(BpfMap::isInternal).hasSize(1);
        BpfMap results = obj.map("results").orElseThrow();
        makeSyscalls();
        long first = slot(results, 4);
        makeSyscalls();
        assertThat(slot(results, 4)).as("the attached program counts on").isGreaterThanOrEqualTo(first + 100);
        MemorySegment ctx = arena.allocate(JAVA_LONG, 2);
        assertThat(obj.program("copy_args").orElseThrow().testRun(ctx, 0).retval()).isEqualTo(7);
        assertThat(obj.program("count_sys_enter").orElseThrow().stats().runCount()).isNotNegative();
        assertThatThrownBy(() -> obj.program("copy_args").orElseThrow().attach())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
        assertThatThrownBy(() -> obj.setGlobal("small", 1)).isInstanceOf(IllegalStateException.class);
        assertThat(obj).hasToString("BpfObject[maps_test, loaded, released]");

        link.close();
        obj.close();
        assertThat(TestObjects.fds("bpf-prog")).isEqualTo(progs);
        assertThat(TestObjects.fds("bpf-map")).isEqualTo(maps);
    }

    @Test
    void verifierRejectionCarriesTheVerifierLog() throws BpfException {
        try (BpfObject obj = TestObjects.open("bad_prog")) {
            assertThatThrownBy(obj::load)
                    .isInstanceOfSatisfying(BpfException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("EACCES");
                        assertThat(e.getMessage()).contains("bad_prog").contains("EACCES");
                        // longer than the callback's first vsnprintf buffer: the copied va_list works
                        assertThat(e.log()).hasValueSatisfying(log -> assertThat(log)
                                .hasSizeGreaterThan(4096)
                                .contains("-- BEGIN PROG LOAD LOG --")
                                .contains("unchecked_lookup")
                                .contains("invalid mem access 'map_value_or_null'")
                                .contains("-- END PROG LOAD LOG --"));
                    });
        }
    }

    @Test
    void libbpfMessagesOfAFailedLoadGoToTheExceptionAndToTheDebugLog() throws BpfException {
        // System.Logger's default backend is java.util.logging; DEBUG is FINE there
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("ebpfmon.libbpf");
        java.util.logging.Level previous = jul.getLevel();
        jul.setLevel(java.util.logging.Level.ALL);
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        jul.addHandler(handler);
        try (BpfObject obj = TestObjects.open("bad_prog")) {
            assertThatThrownBy(obj::load).isInstanceOf(BpfException.class);
        } finally {
            jul.removeHandler(handler);
            jul.setLevel(previous);
        }
        assertThat(records).anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.FINE);
            assertThat(r.getMessage()).startsWith("libbpf: ").contains("invalid mem access").doesNotEndWith("\n");
        });
    }

    @Test
    void autoloadOffKeepsAnUnloadableProgramOutOfTheLoad() throws BpfException {
        try (BpfObject obj = TestObjects.open("autoload_test")) {
            BpfProgram fentry = obj.program("on_nanosleep_fentry").orElseThrow();
            assertThat(fentry.autoload()).isTrue();
            fentry.setAutoload(false);
            assertThat(fentry.autoload()).isFalse();

            obj.load();

            assertThat(fentry.fd()).isNegative();
            assertThat(obj.program("on_sys_enter").orElseThrow().fd()).isPositive();
            assertThatThrownBy(() -> fentry.setAutoload(true)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @Tag("host-kernel") // a fact of our machines' kernel; the kernel matrix excludes it
    void fentryIsRefusedWithEpermOnThisKernel() throws BpfException {
        try (BpfObject obj = TestObjects.open("autoload_test")) {
            assertThatThrownBy(obj::load).isInstanceOfSatisfying(BpfException.class, e -> {
                assertThat(e.errno()).isEqualTo(Errno.EPERM);
                assertThat(e.errnoText()).isEqualTo("Operation not permitted");
                assertThat(e.log()).hasValueSatisfying(log -> assertThat(log).contains("on_nanosleep_fentry"));
            });
        }
    }

    @Test
    @Tag("host-kernel") // a fact of our machines' kernel; the kernel matrix excludes it
    void kprobeAttachFailureSaysWhy() throws BpfException {
        try (BpfObject obj = TestObjects.open("autoload_test")) {
            obj.program("on_nanosleep_fentry").orElseThrow().setAutoload(false);
            obj.load();
            BpfProgram kprobe = obj.program("on_nanosleep_kprobe").orElseThrow();
            assertThat(kprobe.fd()).isPositive();

            assertThatThrownBy(kprobe::attach).isInstanceOfSatisfying(BpfException.class, e -> {
                assertThat(e.errno()).isPositive();
                assertThat(e.getMessage()).contains("on_nanosleep_kprobe").contains(e.errnoText());
                assertThat(e.log()).isPresent();
            });
        }
    }

    @Test
    void garbageIsRefusedAtOpen() {
        assertThatThrownBy(() -> BpfObject.open("garbage", new byte[] {1, 2, 3, 4}))
                .isInstanceOfSatisfying(BpfException.class, e -> {
                    assertThat(e.errno()).isPositive();
                    assertThat(e.getMessage()).contains("garbage");
                });
    }

    private long slot(BpfMap array, int index) throws BpfException {
        MemorySegment key = arena.allocate(JAVA_INT);
        key.set(JAVA_INT, 0, index);
        MemorySegment value = arena.allocate(JAVA_LONG);
        assertThat(array.lookup(key, value)).isTrue();
        return value.get(JAVA_LONG, 0);
    }

    /** At least 100 syscalls from this process (one stat each). */
    private static void makeSyscalls() throws IOException {
        for (int i = 0; i < 100; i++) {
            Files.readAttributes(Path.of("/"), BasicFileAttributes.class);
        }
    }

    private static int possibleCpusFromSysfs() {
        try {
            String possible = Files.readString(Path.of("/sys/devices/system/cpu/possible")).strip();
            int dash = possible.lastIndexOf('-');
            return dash < 0 ? 1 : Integer.parseInt(possible.substring(dash + 1)) + 1;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
