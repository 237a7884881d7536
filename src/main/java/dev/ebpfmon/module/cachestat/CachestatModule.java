package dev.ebpfmon.module.cachestat;

import static dev.ebpfmon.module.cachestat.CachestatCounter.BUFFER_DIRTIED;

import dev.ebpfmon.chart.Algorithm;
import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.VmStat;
import dev.ebpfmon.module.Collector;
import dev.ebpfmon.module.CounterChart;
import dev.ebpfmon.module.CounterModule;
import dev.ebpfmon.module.GroupChart;
import dev.ebpfmon.module.HostCounters;
import dev.ebpfmon.module.LoadedObjects;
import dev.ebpfmon.module.MapSpec;
import dev.ebpfmon.module.ModuleContext;
import dev.ebpfmon.module.ModuleInfo;
import dev.ebpfmon.module.ObjectUse;
import dev.ebpfmon.module.ProbePoint;
import dev.ebpfmon.module.ProbeVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cachestat: the page cache's hits, misses, hit ratio and dirtied buffers, from Netdata's four
 * hooks (pages accessed, added, dirtied; buffers dirtied), each on whichever of its names this
 * kernel has, by trampoline or kprobe. Where neither works, tracepoints stand in for three of the
 * four; pages accessed have none, so hits and the ratio are then not drawn, and the series that
 * remain say in their titles what they are worth ({@link PageCacheSources}). Off by default, as in
 * Netdata: every file read goes through its hooks.
 */
public final class CachestatModule extends CounterModule {
    static final String OBJECT = "cachestat";
    static final String ACCESSED = "page_accessed";
    static final String ADDED = "page_added";
    static final String DIRTIED = "page_dirtied";
    static final String BUFFER = "buffer_dirtied";
    static final List<String> ACCESSED_FUNCTIONS = List.of("folio_mark_accessed", "mark_page_accessed");
    /** account_page_dirtied before 5.15, __set_page_dirty in 5.15, __folio_mark_dirty since 5.16. */
    static final List<String> DIRTIED_FUNCTIONS = List.of("__folio_mark_dirty", "account_page_dirtied",
            "__set_page_dirty");
    private static final String FAMILY = "page_cache";
    private static final String CGROUP_FAMILY = "page cache (eBPF)";
    /** The kernel's own pages read from block devices, charted against misses; slot after the counters. */
    static final int PGPGIN_PAGES = CachestatCounter.COUNT;

    public CachestatModule() {
        super(ModuleInfo.of("cachestat", 4, "Page cache", false), CachestatCounter.COUNT, true);
    }

    @Override
    protected String countersObject() {
        return OBJECT;
    }

    @Override
    public List<ObjectUse> uses(ModuleContext context) {
        List<ProbeVariant> added = new ArrayList<>(List.of(
                new ProbeVariant(AttachKind.TRAMPOLINE, "added_folio_fentry", List.of("filemap_add_folio")),
                new ProbeVariant(AttachKind.TRAMPOLINE, "added_page_fentry", List.of("add_to_page_cache_lru")),
                new ProbeVariant(AttachKind.PROBE, "added_folio_kprobe", List.of("filemap_add_folio")),
                new ProbeVariant(AttachKind.PROBE, "added_page_kprobe", List.of("add_to_page_cache_lru"))));
        if (context.kernel().hasTracepoint("filemap", "mm_filemap_add_to_page_cache")) {
            added.addAll(tracepoint("added_btf", "added_raw"));
        }
        List<ProbeVariant> dirtiedFallbacks = dirtiedTracepoint(context)
                .map(tp -> tp.equals("writeback_dirty_folio") ? tracepoint("dirtied_folio_btf", "dirtied_folio_raw")
                        : tracepoint("dirtied_page_btf", "dirtied_page_raw"))
                .orElse(List.of());
        List<ProbeVariant> bufferFallbacks = context.kernel().hasTracepoint("block", "block_dirty_buffer")
                ? tracepoint("buffer_btf", "buffer_raw") : List.of();
        List<ProbePoint> points = List.of(
                ProbePoint.function(ACCESSED, ACCESSED_FUNCTIONS, "accessed_fentry", "accessed_kprobe").asOptional(),
                new ProbePoint(ADDED, added),
                ProbePoint.function(DIRTIED, DIRTIED_FUNCTIONS, "dirtied_fentry", "dirtied_kprobe",
                        dirtiedFallbacks.toArray(ProbeVariant[]::new)).asOptional(),
                ProbePoint.function(BUFFER, List.of("mark_buffer_dirty"), "buffer_fentry", "buffer_kprobe",
                        bufferFallbacks.toArray(ProbeVariant[]::new)).asOptional());
        return List.of(new ObjectUse(OBJECT, points, globals(name(), 1, context),
                Map.of(hostMap(name()), MapSpec.compiled())));
    }

    private static List<ProbeVariant> tracepoint(String btfProgram, String rawProgram) {
        return List.of(new ProbeVariant(AttachKind.TP_BTF, btfProgram), new ProbeVariant(AttachKind.RAW_TP, rawProgram));
    }

    /** The tracepoint near the page-dirtied functions, as this kernel names it (5.15 and older: ..._page). */
    static Optional<String> dirtiedTracepoint(ModuleContext context) {
        return List.of("writeback_dirty_folio", "writeback_dirty_page").stream()
                .filter(tp -> context.kernel().hasTracepoint("writeback", tp)).findFirst();
    }

    @Override
    protected List<CounterChart> hostCharts(ModuleContext c) {
        PageCacheSources sources = new PageCacheSources(c);
        String hitsSuffix = PageCacheSources.suffix(sources.hitReasons());
        String missesSuffix = PageCacheSources.suffix(sources.missReasons());
        boolean capped = sources.missesCapped();
        List<CounterChart> charts = new ArrayList<>();
        if (sources.hitsAvailable()) {
            charts.add(new CounterChart(chart(c, "cachestat_ratio", "Hit ratio" + hitsSuffix, "%", 21100,
                    Dimension.absolute("ratio")), List.of((now, before) -> PageCacheInterval.of(now, before).ratio())));
        }
        if (sources.dirtyAvailable()) {
            charts.add(CounterChart.of(chart(c, "cachestat_dirties", "Number of dirty pages", "pages/s", 21101,
                    Dimension.incremental("dirty")), BUFFER_DIRTIED.id()));
        }
        if (sources.hitsAvailable()) {
            charts.add(new CounterChart(chart(c, "cachestat_hits", "Number of accessed files" + hitsSuffix, "hits/s",
                    21102, Dimension.absolute("hit")), List.of((now, before) -> PageCacheInterval.of(now, before).hits())));
        }
        charts.add(new CounterChart(chart(c, "cachestat_misses", "Files out of page cache" + missesSuffix, "misses/s",
                21103, Dimension.absolute("miss")), List.of((now, before) -> misses(now, before, capped))));
        // Beyond Netdata: the kernel's own count of pages read from block devices against the misses
        charts.add(new CounterChart(chart(c, "cachestat_drift", "Pages read from block devices (/proc/vmstat "
                + "pgpgin) minus page cache misses" + missesSuffix, "pages", 21104, Dimension.absolute("pgpgin")),
                List.of((now, before) -> now[PGPGIN_PAGES] - before[PGPGIN_PAGES]
                        - PageCacheInterval.of(now, before).uncappedMisses())));
        return charts;
    }

    private static long misses(long[] now, long[] before, boolean capped) {
        PageCacheInterval interval = PageCacheInterval.of(now, before);
        return capped ? interval.misses() : interval.uncappedMisses();
    }

    private static Chart chart(ModuleContext c, String id, String title, String units, int priority,
            Dimension dimension) {
        return Chart.builder("mem", id).title(title).units(units).family(FAMILY).priority(priority)
                .updateEvery(c.updateEvery()).module("cachestat").dimensions(dimension).build();
    }

    @Override
    public Collector collector(ModuleContext context, LoadedObjects objects) {
        HostCounters host = new HostCounters(objects.map(OBJECT, hostMap(name())), CachestatCounter.COUNT);
        return new CachestatCollector(host, hostCharts(context), new VmStat(VmStat.PROC));
    }

    @Override
    public List<GroupChart> groupCharts(ModuleContext context) {
        PageCacheSources sources = new PageCacheSources(context);
        String hitsSuffix = PageCacheSources.suffix(sources.hitReasons());
        String missesSuffix = PageCacheSources.suffix(sources.missReasons());
        boolean capped = sources.missesCapped();
        List<GroupChart> charts = new ArrayList<>();
        if (sources.hitsAvailable()) {
            charts.add(GroupChart.builder("cachestat_ratio", "Hit ratio" + hitsSuffix, "%",
                            (now, before) -> PageCacheInterval.of(now, before).ratio())
                    .apps(FAMILY, 20090, Algorithm.ABSOLUTE, ChartType.LINE)
                    .cgroup("cgroup.cachestat_ratio", CGROUP_FAMILY, 45200, ChartType.LINE, Dimension.absolute("ratio"))
                    .services("services.cachestat_ratio", FAMILY, 21100, ChartType.LINE, Algorithm.ABSOLUTE).build());
        }
        if (sources.dirtyAvailable()) {
            charts.add(GroupChart.builder("cachestat_dirties", "Number of dirty pages", "pages/s",
                            GroupChart.Value.sum(BUFFER_DIRTIED.id()))
                    .apps(FAMILY, 20091, Algorithm.INCREMENTAL)
                    .cgroup("cgroup.cachestat_dirties", CGROUP_FAMILY, 45201, ChartType.LINE,
                            Dimension.incremental("dirty"))
                    .services("services.cachestat_dirties", FAMILY, 21101, ChartType.LINE, Algorithm.INCREMENTAL)
                    .build());
        }
        if (sources.hitsAvailable()) {
            charts.add(GroupChart.builder("cachestat_hits", "Number of accessed files" + hitsSuffix, "hits/s",
                            (now, before) -> PageCacheInterval.of(now, before).hits())
                    .apps(FAMILY, 20092, Algorithm.ABSOLUTE)
                    .cgroup("cgroup.cachestat_hits", CGROUP_FAMILY, 45202, ChartType.LINE, Dimension.absolute("hit"))
                    .services("services.cachestat_hits", FAMILY, 21102, ChartType.LINE, Algorithm.ABSOLUTE).build());
        }
        charts.add(GroupChart.builder("cachestat_misses", "Files out of page cache" + missesSuffix, "misses/s",
                        (now, before) -> misses(now, before, capped))
                .apps(FAMILY, 20093, Algorithm.ABSOLUTE)
                .cgroup("cgroup.cachestat_misses", CGROUP_FAMILY, 45203, ChartType.LINE, Dimension.absolute("miss"))
                .services("services.cachestat_misses", FAMILY, 21103, ChartType.LINE, Algorithm.ABSOLUTE).build());
        return charts;
    }

    @Override
    public String limits(ModuleContext context) {
        return new PageCacheSources(context).limits();
    }
}
