package dev.ebpfmon.module.cachestat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.config.ModuleSettings;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.KernelSymbols;
import dev.ebpfmon.module.Attachments;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import dev.ebpfmon.module.ProbeVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the module asks of a kernel, and what it draws given how its points were served: Netdata's
 * charts where every input comes from its function, titled approximate where tracepoints stand
 * in, and no hits nor ratio where nothing sees a page accessed.
 */
class CachestatModuleTest {
    private static final String REFUSED = "fentry/fexit: load refused: EPERM; kprobe/kretprobe: attach failed: ENOENT";
    private final CachestatModule module = new CachestatModule();

    /** A kernel with these tracepoints (category/event) and every function. */
    private record FakeKernel(Set<String> tracepoints) implements KernelSymbols {
        @Override
        public boolean hasFunction(String name) {
            return true;
        }

        @Override
        public boolean hasTracepoint(String category, String event) {
            return tracepoints.contains(category + "/" + event);
        }

        @Override
        public Optional<String> whyNoTrampoline(String function) {
            return Optional.empty();
        }

        @Override
        public Optional<String> whyNoKprobe(String function) {
            return Optional.empty();
        }
    }

    private static final KernelSymbols NEW_KERNEL = new FakeKernel(Set.of("filemap/mm_filemap_add_to_page_cache",
            "writeback/writeback_dirty_folio", "block/block_dirty_buffer"));

    private static ModuleContext context(KernelSymbols kernel, Attachments attachments) {
        return new ModuleContext(ModuleSettings.builtIn("cachestat").withGroups(true, true), Optional.empty(), 0,
                new ArrayList<>(), kernel, false, attachments);
    }

    private static Attachments.Served on(AttachKind kind, String function) {
        return new Attachments.Served(kind, Optional.ofNullable(function));
    }

    private static final Attachments FENTRY = new Attachments(true, Map.of(
            CachestatModule.ACCESSED, on(AttachKind.TRAMPOLINE, "folio_mark_accessed"),
            CachestatModule.ADDED, on(AttachKind.TRAMPOLINE, "filemap_add_folio"),
            CachestatModule.DIRTIED, on(AttachKind.TRAMPOLINE, "__folio_mark_dirty"),
            CachestatModule.BUFFER, on(AttachKind.TRAMPOLINE, "mark_buffer_dirty")), Map.of());

    private static final Attachments TRACEPOINTS = new Attachments(true, Map.of(
            CachestatModule.ADDED, on(AttachKind.TP_BTF, null),
            CachestatModule.DIRTIED, on(AttachKind.TP_BTF, null),
            CachestatModule.BUFFER, on(AttachKind.TP_BTF, null)),
            Map.of(CachestatModule.ACCESSED, CachestatModule.ACCESSED + ": no usable variant (" + REFUSED + ")"));

    private List<String> hostCharts(ModuleContext c) {
        return module.charts(c).stream().map(Chart::fullId).toList();
    }

    @Test
    void onFunctionsItDrawsNetdatasChartsWithNetdatasTitlesAndNoLimits() {
        for (ModuleContext c : List.of(context(NEW_KERNEL, Attachments.NOT_LOADED), context(NEW_KERNEL, FENTRY))) {
            assertThat(hostCharts(c)).containsExactly("mem.cachestat_ratio", "mem.cachestat_dirties",
                    "mem.cachestat_hits", "mem.cachestat_misses", "mem.cachestat_drift");
            assertThat(module.charts(c)).extracting(Chart::title).containsExactly("Hit ratio", "Number of dirty pages",
                    "Number of accessed files", "Files out of page cache",
                    "Pages read from block devices (/proc/vmstat pgpgin) minus page cache misses");
            assertThat(module.groupCharts(c)).extracting(GroupChart::id).containsExactly("cachestat_ratio",
                    "cachestat_dirties", "cachestat_hits", "cachestat_misses");
            assertThat(module.limits(c)).isEmpty();
        }
    }

    @Test
    void onTracepointsHitsAndRatioAreGoneAndMissesSayTheyAreApproximate() {
        ModuleContext c = context(NEW_KERNEL, TRACEPOINTS);
        assertThat(hostCharts(c)).containsExactly("mem.cachestat_dirties", "mem.cachestat_misses", "mem.cachestat_drift");
        assertThat(module.groupCharts(c)).extracting(GroupChart::id).containsExactly("cachestat_dirties",
                "cachestat_misses");
        Chart misses = module.charts(c).get(1);
        assertThat(misses.title()).startsWith("Files out of page cache (approximate: pages added seen by the "
                + "tracepoint filemap:mm_filemap_add_to_page_cache").contains("writeback:writeback_dirty_folio")
                .endsWith("not capped by pages accessed, which only folio_mark_accessed sees)");
        assertThat(module.groupCharts(c).get(1).title()).isEqualTo(misses.title());
        assertThat(module.charts(c).get(0).title()).as("buffers dirtied: the tracepoint is in mark_buffer_dirty")
                .isEqualTo("Number of dirty pages");
        assertThat(module.limits(c)).startsWith("hits and ratio unavailable: only folio_mark_accessed sees a page "
                + "accessed (no tracepoint does), and it cannot be attached here (" + REFUSED + "); misses approximate: ");
    }

    @Test
    void oneInputOnATracepointMakesHitsAndMissesApproximate() {
        Map<String, Attachments.Served> served = new java.util.HashMap<>(FENTRY.served());
        served.put(CachestatModule.DIRTIED, on(AttachKind.TP_BTF, null));
        ModuleContext c = context(NEW_KERNEL, new Attachments(true, served, Map.of()));
        assertThat(module.charts(c)).extracting(Chart::title).filteredOn(t -> t.contains("(approximate: "))
                .hasSize(4).allMatch(t -> t.contains("pages dirtied seen by the tracepoint writeback:writeback_dirty_folio"));
        assertThat(module.limits(c)).startsWith("hits and ratio approximate: pages dirtied seen by the tracepoint");
    }

    @Test
    void missesAreCappedByAccessesOnlyWhereAccessesAreSeen() {
        long[] before = new long[CachestatCounter.COUNT + 1];
        long[] now = before.clone();
        now[CachestatCounter.ADDED.id()] = 500;
        now[CachestatCounter.ACCESSED.id()] = 100;
        now[CachestatModule.PGPGIN_PAGES] = 520;
        assertThat(sample(context(NEW_KERNEL, FENTRY), "mem.cachestat_misses", now, before)).containsExactly(100);
        assertThat(sample(context(NEW_KERNEL, TRACEPOINTS), "mem.cachestat_misses", now, before)).containsExactly(500);
        assertThat(sample(context(NEW_KERNEL, FENTRY), "mem.cachestat_drift", now, before)).as("520 read, 500 added")
                .containsExactly(20);
        assertThat(sample(context(NEW_KERNEL, FENTRY), "mem.cachestat_dirties", now, before)).as("a running total")
                .containsExactly(0);
    }

    private long[] sample(ModuleContext c, String chart, long[] now, long[] before) {
        // the host charts the collector samples are the module's own
        List<CounterChart> charts = module.hostCharts(c);
        return charts.stream().filter(cc -> cc.chart().fullId().equals(chart)).findFirst().orElseThrow()
                .sample(now, before).values();
    }

    @Test
    void asksForTheTracepointsThisKernelHasAndCanDoWithoutAllButPagesAdded() {
        ObjectUse use = module.uses(context(NEW_KERNEL, Attachments.NOT_LOADED)).getFirst();
        assertThat(use.probePoints()).extracting(ProbePoint::name, ProbePoint::optional).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CachestatModule.ACCESSED, true),
                org.assertj.core.groups.Tuple.tuple(CachestatModule.ADDED, false),
                org.assertj.core.groups.Tuple.tuple(CachestatModule.DIRTIED, true),
                org.assertj.core.groups.Tuple.tuple(CachestatModule.BUFFER, true));
        assertThat(programs(use, CachestatModule.ACCESSED)).containsExactly("accessed_fentry", "accessed_kprobe");
        assertThat(programs(use, CachestatModule.ADDED)).containsExactly("added_folio_fentry", "added_page_fentry",
                "added_folio_kprobe", "added_page_kprobe", "added_btf", "added_raw");
        assertThat(programs(use, CachestatModule.DIRTIED)).containsExactly("dirtied_fentry", "dirtied_kprobe",
                "dirtied_folio_btf", "dirtied_folio_raw");

        KernelSymbols old = new FakeKernel(Set.of("writeback/writeback_dirty_page"));
        ObjectUse oldUse = module.uses(context(old, Attachments.NOT_LOADED)).getFirst();
        assertThat(programs(oldUse, CachestatModule.DIRTIED)).containsExactly("dirtied_fentry", "dirtied_kprobe",
                "dirtied_page_btf", "dirtied_page_raw");
        assertThat(programs(oldUse, CachestatModule.ADDED)).doesNotContain("added_btf");
        assertThat(programs(oldUse, CachestatModule.BUFFER)).containsExactly("buffer_fentry", "buffer_kprobe");
    }

    private static List<String> programs(ObjectUse use, String point) {
        return use.probePoints().stream().filter(p -> p.name().equals(point)).findFirst().orElseThrow().variants()
                .stream().map(ProbeVariant::program).toList();
    }
}
