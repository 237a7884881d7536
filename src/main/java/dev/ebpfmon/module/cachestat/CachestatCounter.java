package dev.ebpfmon.module.cachestat;

/**
 * Counter ids of the cachestat module, in the order of `enum cachestat_counter` in
 * src/main/bpf/modules/cachestat/cachestat.h: pages accessed, added and dirtied (a large folio
 * counts its pages), buffers dirtied.
 */
public enum CachestatCounter {
    ACCESSED, ADDED, DIRTIED, BUFFER_DIRTIED;

    public static final int COUNT = values().length;

    public int id() {
        return ordinal();
    }
}
