package dev.ebpfmon.module.dcstat;

/**
 * Counter ids of the dcstat module, in the order of `enum dcstat_counter` in
 * src/main/bpf/modules/dcstat/dcstat.h: calls to lookup_fast, calls to d_lookup, d_lookup calls
 * that found nothing.
 */
public enum DcstatCounter {
    REFERENCE, SLOW, MISS;

    public static final int COUNT = values().length;

    public int id() {
        return ordinal();
    }
}
