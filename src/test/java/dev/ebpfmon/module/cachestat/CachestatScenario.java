package dev.ebpfmon.module.cachestat;

import static dev.ebpfmon.module.cachestat.CachestatCounter.ACCESSED;
import static dev.ebpfmon.module.cachestat.CachestatCounter.ADDED;
import static dev.ebpfmon.module.cachestat.CachestatCounter.BUFFER_DIRTIED;
import static dev.ebpfmon.module.cachestat.CachestatCounter.DIRTIED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.Attachments;
import dev.ebpfmon.module.Scenario;
import dev.ebpfmon.module.ScenarioRun;
import dev.ebpfmon.module.loader.LoadedModules;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A file of the test's own, on an ext4 of the test's own (a loop device, mounted noatime, so
 * reading dirties nothing), evicted and read whole twice by the workload: its first read misses
 * every page (each added to the cache, and accessed), its second hits every page. On trampolines
 * or kprobes the four counts are exact, and so are hits and misses; on tracepoints the pages
 * added and dirtied still are (the tracepoints fire inside those functions), accesses are not
 * seen, and the charts say so. Pages, not calls: the host kernel reads this file into large folios.
 */
public final class CachestatScenario implements Scenario {
    static final int FILE_PAGES = 256;

    @Override
    public List<String> ops() {
        return List.of("cache-quiet:1", "cache-evict:1", "cache-read:2");
    }

    /** What is exact depends on how the module attached: {@link #check} says it. */
    @Override
    public long[] expected(LoadMode mode) {
        return null;
    }

    @Override
    public AutoCloseable prepare(Path dir) throws Exception {
        Path image = dir.resolve("fs.img");
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        Commands.run("mkfs.ext4", "-q", "-F", "-O", "^has_journal", image.toString());
        Commands.run("mount", "-o", "loop,noatime", image.toString(), mnt.toString());
        try {
            writeCachedFile(mnt.resolve("cached"));
            // the workload's own binary must be in the page cache: its first run of an op's code
            // must find its pages there, not add them
            Files.readAllBytes(Path.of("target/native/ebpfmon-workload").toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            Commands.run("umount", mnt.toString());
            throw e;
        }
        return () -> Commands.run("umount", mnt.toString());
    }

    private static void writeCachedFile(Path file) throws IOException {
        ByteBuffer page = ByteBuffer.allocate(4096);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < FILE_PAGES; i++) {
                page.clear();
                while (page.hasRemaining()) {
                    page.put((byte) (i % 250 + 1));
                }
                page.flip();
                while (page.hasRemaining()) {
                    out.write(page);
                }
            }
            out.force(true); // clean pages: eviction drops them at once
        }
    }

    @Override
    public void check(ScenarioRun run) {
        LoadedModules.Running module = run.modules().running().getFirst();
        Attachments served = module.context().attachments();
        boolean accesses = served.has(CachestatModule.ACCESSED);
        long[] d = run.perProcess();
        assertThat(d[ADDED.id()]).as("pages added: the file's pages, read after eviction").isEqualTo(FILE_PAGES);
        assertThat(d[DIRTIED.id()]).as("pages dirtied").isZero();
        assertThat(d[BUFFER_DIRTIED.id()]).as("buffers dirtied").isZero();
        assertThat(d[ACCESSED.id()]).as("pages accessed: the file's, twice (" + served + ")")
                .isEqualTo(accesses ? 2L * FILE_PAGES : 0);
        PageCacheInterval both = PageCacheInterval.of(d, new long[d.length]);
        if (accesses) {
            assertThat(List.of(both.misses(), both.hits(), both.ratio())).as("misses, hits, ratio of the two reads")
                    .containsExactly((long) FILE_PAGES, (long) FILE_PAGES, 50L);
        }
        assertThat(both.uncappedMisses()).isEqualTo(FILE_PAGES);

        // the charts as the collector draws them say what they are worth
        Tick tick = new Tick();
        module.collector().collect(tick);
        List<String> charts = tick.samples().stream().map(s -> s.chart().fullId()).toList();
        assertThat(charts).containsExactlyElementsOf(accesses
                ? List.of("mem.cachestat_ratio", "mem.cachestat_dirties", "mem.cachestat_hits", "mem.cachestat_misses",
                        "mem.cachestat_drift")
                : List.of("mem.cachestat_dirties", "mem.cachestat_misses", "mem.cachestat_drift"));
        String missesTitle = tick.samples().stream().map(Sample::chart).filter(c -> c.id().equals("cachestat_misses"))
                .findFirst().orElseThrow().title();
        boolean exact = exact(served);
        assertThat(missesTitle.contains("(approximate: ")).as(missesTitle).isEqualTo(!exact);
        assertThat(module.status().how().contains("hits and ratio unavailable")).as(module.status().how())
                .isEqualTo(!accesses);
    }

    private static boolean exact(Attachments served) {
        return List.of(CachestatModule.ACCESSED, CachestatModule.ADDED, CachestatModule.DIRTIED, CachestatModule.BUFFER)
                .stream().allMatch(served::onFunction);
    }

    @Override
    public String result(ScenarioRun run) {
        return exact(run.modules().running().getFirst().context().attachments()) ? "exact" : "approximate";
    }
}
