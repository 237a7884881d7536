package dev.ebpfmon.module.cachestat;

import dev.ebpfmon.module.Attachments;
import dev.ebpfmon.module.ModuleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * What the module's series are worth, given how its four points were served: exact when every
 * input comes from its kernel function; approximate when some come from tracepoints near them or
 * are missing; unavailable when the pages accessed cannot be seen (no tracepoint exists for it),
 * which takes hits and the ratio away. Charts carry it in their titles (so the dashboard and
 * Prometheus' HELP say it), `check` in the module's status.
 */
final class PageCacheSources {
    private final Attachments served;
    private final String accessedFunction;
    private final String dirtiedTracepoint;

    PageCacheSources(ModuleContext context) {
        this.served = context.attachments();
        this.accessedFunction = context.attachments().loaded()
                ? context.kernel().firstFunction(CachestatModule.ACCESSED_FUNCTIONS).orElse("mark_page_accessed")
                : "folio_mark_accessed";
        this.dirtiedTracepoint = "writeback:" + (context.attachments().loaded()
                ? CachestatModule.dirtiedTracepoint(context).orElse("writeback_dirty_folio") : "writeback_dirty_folio");
    }

    /** Hits and the ratio need the pages accessed. */
    boolean hitsAvailable() {
        return served.has(CachestatModule.ACCESSED);
    }

    boolean dirtyAvailable() {
        return served.has(CachestatModule.BUFFER);
    }

    /** Without accesses, misses cannot be capped by them as Netdata does. */
    boolean missesCapped() {
        return hitsAvailable();
    }

    /** Why misses are approximate; empty when they are exact. */
    List<String> missReasons() {
        List<String> reasons = new ArrayList<>();
        if (!served.onFunction(CachestatModule.ADDED)) {
            reasons.add("pages added seen by the tracepoint filemap:mm_filemap_add_to_page_cache, which sees no "
                    + "failed insertion");
        }
        if (!served.has(CachestatModule.DIRTIED)) {
            reasons.add("pages dirtied not seen, so pages added to be written count as misses");
        } else if (!served.onFunction(CachestatModule.DIRTIED)) {
            reasons.add("pages dirtied seen by the tracepoint " + dirtiedTracepoint
                    + ", which misses folios truncated meanwhile");
        }
        if (!hitsAvailable()) {
            reasons.add("not capped by pages accessed, which only " + accessedFunction + " sees");
        }
        return reasons;
    }

    /** Why hits and the ratio are approximate (given they are available); empty when exact. */
    List<String> hitReasons() {
        List<String> reasons = new ArrayList<>(missReasons());
        if (!dirtyAvailable()) {
            reasons.add("buffers dirtied not seen, so they count as accesses");
        }
        return reasons;
    }

    /** What a chart's title says after Netdata's title: nothing for an exact series. */
    static String suffix(List<String> approximateBecause) {
        return approximateBecause.isEmpty() ? "" : " (approximate: " + String.join("; ", approximateBecause) + ")";
    }

    /** The loader's reasons for leaving a point out, as " (fentry/fexit: ...; kprobe/kretprobe: ...)". */
    private String why(String point) {
        String reasons = served.unavailable().getOrDefault(point, "");
        String prefix = point + ": no usable variant ";
        reasons = reasons.startsWith(prefix) ? reasons.substring(prefix.length()) : reasons;
        return reasons.isBlank() ? "" : reasons.startsWith("(") ? " " + reasons : " (" + reasons + ")";
    }

    /** The module's limits as `check` prints them; empty when every series is exact. */
    String limits() {
        List<String> parts = new ArrayList<>();
        if (!hitsAvailable()) {
            parts.add("hits and ratio unavailable: only " + accessedFunction + " sees a page accessed (no tracepoint "
                    + "does), and it cannot be attached here" + why(CachestatModule.ACCESSED));
        } else if (!hitReasons().isEmpty()) {
            parts.add("hits and ratio approximate: " + String.join("; ", hitReasons()));
        }
        if (!missReasons().isEmpty()) {
            parts.add("misses approximate: " + String.join("; ", missReasons()));
        }
        if (!dirtyAvailable()) {
            parts.add("dirty pages unavailable: mark_buffer_dirty cannot be seen here" + why(CachestatModule.BUFFER));
        }
        return String.join("; ", parts);
    }
}
