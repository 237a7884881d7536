package dev.ebpfmon.module.cachestat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Netdata's hit/miss/ratio arithmetic over an interval, from the four counts. */
class PageCacheIntervalTest {

    private static long[] counters(long accessed, long added, long dirtied, long bufferDirtied) {
        long[] c = new long[CachestatCounter.COUNT];
        c[CachestatCounter.ACCESSED.id()] = accessed;
        c[CachestatCounter.ADDED.id()] = added;
        c[CachestatCounter.DIRTIED.id()] = dirtied;
        c[CachestatCounter.BUFFER_DIRTIED.id()] = bufferDirtied;
        return c;
    }

    @Test
    void anIntervalIsWhatTheCountersGrewByBetweenTwoReadings() {
        PageCacheInterval i = PageCacheInterval.of(counters(1300, 250, 70, 20), counters(1000, 100, 50, 0));
        assertThat(i).isEqualTo(new PageCacheInterval(300, 20, 150, 20));
    }

    @Test
    void hitsAreAccessesLessMissesAndMissesArePagesAddedLessPagesDirtied() {
        // 300 accessed, 20 of them buffers dirtied: 280 accesses; 150 added, 20 to be written: 130 misses
        PageCacheInterval i = new PageCacheInterval(300, 20, 150, 20);
        assertThat(i.total()).isEqualTo(280);
        assertThat(i.misses()).isEqualTo(130);
        assertThat(i.hits()).isEqualTo(150);
        assertThat(i.ratio()).isEqualTo(150 * 100 / 280);
    }

    @Test
    void moreMissesThanAccessesMakeEveryAccessAMiss() {
        // readahead added 512 pages of which 100 were read
        PageCacheInterval i = new PageCacheInterval(100, 0, 512, 0);
        assertThat(i.misses()).isEqualTo(100);
        assertThat(i.uncappedMisses()).isEqualTo(512);
        assertThat(i.hits()).isZero();
        assertThat(i.ratio()).isZero();
    }

    @Test
    void nothingAccessedIsAFullRatioAndNegativeDifferencesCountAsNothing() {
        PageCacheInterval idle = new PageCacheInterval(0, 0, 0, 0);
        assertThat(idle.ratio()).isEqualTo(100);
        assertThat(idle.hits()).isZero();
        // more buffers dirtied than pages accessed, more pages dirtied than added (writes over cached pages)
        PageCacheInterval writes = new PageCacheInterval(10, 40, 5, 30);
        assertThat(writes.total()).isZero();
        assertThat(writes.uncappedMisses()).isZero();
        assertThat(writes.misses()).isZero();
        assertThat(writes.ratio()).isEqualTo(100);
    }

    @Test
    void theRatioIsOverTheIntervalNotSinceStart() {
        long[] start = counters(0, 0, 0, 0);
        long[] afterColdRead = counters(256, 256, 0, 0);
        long[] afterWarmRead = counters(512, 256, 0, 0);
        assertThat(PageCacheInterval.of(afterColdRead, start).ratio()).isZero();
        assertThat(PageCacheInterval.of(afterWarmRead, afterColdRead).ratio()).isEqualTo(100);
        assertThat(PageCacheInterval.of(afterWarmRead, start).ratio()).isEqualTo(50);
    }

    @Test
    void integerPercentagesDoNotLoseAPercentToFloatingPoint() {
        // Netdata's (long long)((29.0/100)*100) is 28
        assertThat(new PageCacheInterval(100, 0, 71, 0).ratio()).isEqualTo(29);
    }
}
