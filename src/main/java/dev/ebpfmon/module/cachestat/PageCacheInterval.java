package dev.ebpfmon.module.cachestat;

import static dev.ebpfmon.module.cachestat.CachestatCounter.ACCESSED;
import static dev.ebpfmon.module.cachestat.CachestatCounter.ADDED;
import static dev.ebpfmon.module.cachestat.CachestatCounter.BUFFER_DIRTIED;
import static dev.ebpfmon.module.cachestat.CachestatCounter.DIRTIED;

/**
 * Netdata's page-cache arithmetic (bcc's cachestat's) over one interval, from how much each of the
 * four counts grew: accesses are pages marked accessed less buffers dirtied; misses are pages
 * added less pages dirtied (a page added to be written over is no miss); hits are accesses less
 * misses. When misses outnumber accesses (readahead adds pages nobody read yet) every access
 * counts as a miss and there is no hit. The ratio is hits per access in percent, 100 when nothing
 * was accessed. Integer arithmetic: Netdata's doubles truncate 29% to 28 now and then.
 */
record PageCacheInterval(long accessed, long bufferDirtied, long added, long dirtied) {

    /** The interval between two readings of the counters (host-wide or one group's). */
    static PageCacheInterval of(long[] now, long[] before) {
        return new PageCacheInterval(now[ACCESSED.id()] - before[ACCESSED.id()],
                now[BUFFER_DIRTIED.id()] - before[BUFFER_DIRTIED.id()],
                now[ADDED.id()] - before[ADDED.id()], now[DIRTIED.id()] - before[DIRTIED.id()]);
    }

    long total() {
        return Math.max(0, accessed - bufferDirtied);
    }

    /** Pages added less pages dirtied, before accesses cap them: all a kernel without an access hook allows. */
    long uncappedMisses() {
        return Math.max(0, added - dirtied);
    }

    long misses() {
        return Math.min(uncappedMisses(), total());
    }

    long hits() {
        return total() - misses();
    }

    long ratio() {
        long total = total();
        return total == 0 ? 100 : hits() * 100 / total;
    }
}
