package dev.ebpfmon.module.dcstat;

import static dev.ebpfmon.module.dcstat.DcstatCounter.MISS;
import static dev.ebpfmon.module.dcstat.DcstatCounter.REFERENCE;
import static dev.ebpfmon.module.dcstat.DcstatCounter.SLOW;

/**
 * Netdata's directory-cache arithmetic over one interval: of the lookups in the cache
 * (lookup_fast), those not ending in a d_lookup that found nothing were served by the cache. The
 * ratio is over the interval (Netdata's is since the plugin started), 100 when nothing was looked up.
 */
record DirectoryCacheInterval(long references, long slow, long misses) {

    static DirectoryCacheInterval of(long[] now, long[] before) {
        return new DirectoryCacheInterval(now[REFERENCE.id()] - before[REFERENCE.id()],
                now[SLOW.id()] - before[SLOW.id()], now[MISS.id()] - before[MISS.id()]);
    }

    long ratio() {
        if (references <= 0) {
            return 100;
        }
        return Math.max(0, references - misses) * 100 / references;
    }
}
